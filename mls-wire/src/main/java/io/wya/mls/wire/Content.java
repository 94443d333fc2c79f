package io.wya.mls.wire;

/// The body of a `FramedContent` (RFC 9420 §6): application data, a proposal, or a commit.
public sealed interface Content permits Content.ApplicationData, Proposal, Commit {
  /// `application_data` (only ever confidential when inside a PrivateMessage).
  record ApplicationData(byte[] data) implements Content {}
}
