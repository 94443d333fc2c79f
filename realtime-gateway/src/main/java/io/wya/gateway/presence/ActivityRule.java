package io.wya.gateway.presence;

import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.ServerFrame;
import java.nio.charset.StandardCharsets;

/// What an activity text may be (PRS-12): at most `GATEWAY_PRESENCE_MAX_ACTIVITY_BYTES` UTF-8
/// bytes, no control characters, no line or paragraph separators and no bidirectional overrides
/// (they would let one user's text disguise itself in another's client).
final class ActivityRule {
  private ActivityRule() {}

  /// null when acceptable, else the error to answer with.
  static ServerFrame.Error check(String activity, int maxBytes) {
    int bytes = activity.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      return ServerFrame.Error.of(ErrorCode.INVALID_ARGUMENT, "activity is " + bytes + " bytes; at most " + maxBytes);
    }
    boolean forbidden = activity.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL || cp == 0x2028
        || cp == 0x2029 || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069);
    if (forbidden) return ServerFrame.Error.of(ErrorCode.INVALID_ARGUMENT, "activity contains control or bidi characters");
    return null;
  }
}
