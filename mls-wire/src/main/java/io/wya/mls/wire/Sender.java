package io.wya.mls.wire;

/// The `Sender` of a PublicMessage (RFC 9420 §6). Indices are uint32 values.
public sealed interface Sender {
  /// A group member, by leaf index.
  record Member(long leafIndex) implements Sender {}

  /// One of the group's external senders (external_senders extension), by index.
  record External(long senderIndex) implements Sender {}

  /// A non-member proposing its own Add.
  record NewMemberProposal() implements Sender {}

  /// A non-member joining by external Commit.
  record NewMemberCommit() implements Sender {}
}
