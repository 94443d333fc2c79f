package io.wya.mls;

/// A new group (epoch 0, this device its only member) and the GroupInfo for
/// `CreateConversation{conv_id = groupId, group_info}` (CONV-1).
public record GroupCreated(byte[] groupId, byte[] groupInfo) {}
