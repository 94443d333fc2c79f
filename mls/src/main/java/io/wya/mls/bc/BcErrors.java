package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import java.util.Map;

/// bcmls 1.84 reports every failure as a bare `java.lang.Exception` with a message (mls-notes
/// B12). This turns the ones it throws on peer input into our codes; anything else keeps the
/// caller's default; the detail always names the bcmls exception, so a crash inside bcmls on
/// some input (B5 lists several fixed after 1.84) is reported as what the input was rejected for.
final class BcErrors {
  private static final Map<String, MlsError> BY_MESSAGE = Map.ofEntries(
      Map.entry("Invalid proposal list", MlsError.PROPOSAL_INVALID),
      Map.entry("Invalid proposal", MlsError.PROPOSAL_INVALID),
      Map.entry("Self-update with no cached secret", MlsError.PROPOSAL_INVALID),
      Map.entry("Attempt to remove non-member", MlsError.PROPOSAL_INVALID),
      Map.entry("Unknown external PSK", MlsError.UNSUPPORTED_FEATURE),
      Map.entry("Unknown resumption PSK", MlsError.UNSUPPORTED_FEATURE),
      Map.entry("Path required but not present", MlsError.COMMIT_INVALID),
      Map.entry("Commit path has invalid leaf node", MlsError.COMMIT_INVALID),
      Map.entry("Commit path has invalid parent hash", MlsError.COMMIT_INVALID),
      Map.entry("Malformed direct path", MlsError.COMMIT_INVALID),
      Map.entry("Malformed UpdatePath", MlsError.COMMIT_INVALID),
      Map.entry("Invalid external commit", MlsError.COMMIT_INVALID),
      Map.entry("Confirmation failed to verify", MlsError.COMMIT_INVALID),
      Map.entry("Invalid commit sender type", MlsError.UNSUPPORTED_FEATURE),
      Map.entry("Welcome not intended for key package", MlsError.NO_MATCHING_KEY_PACKAGE),
      Map.entry("Ciphersuite mismatch", MlsError.WELCOME_INVALID),
      Map.entry("GroupInfo and Welcome ciphersuites disagree", MlsError.WELCOME_INVALID),
      Map.entry("Invalid GroupInfo", MlsError.WELCOME_INVALID),
      Map.entry("New joiner not in tree", MlsError.WELCOME_INVALID),
      Map.entry("Tree does not match GroupInfo", MlsError.WELCOME_INVALID),
      Map.entry("Invalid tree", MlsError.WELCOME_INVALID),
      Map.entry("No tree available", MlsError.WELCOME_INVALID),
      Map.entry("No external pub in GroupInfo", MlsError.GROUP_INFO_INVALID));

  private BcErrors() {}

  static MlsException map(Exception e, MlsError fallback, String doing) {
    if (e instanceof MlsException m) return m;
    MlsError error = e.getClass() == Exception.class ? BY_MESSAGE.getOrDefault(e.getMessage(), fallback) : fallback;
    return new MlsException(error, doing + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
  }
}
