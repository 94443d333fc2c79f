package io.wya.gateway.conversation;

import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceKey;

/// A conversation to create (CONV-1): its creator becomes the only member, at leaf 0, epoch 0,
/// head seq 0.
///
/// @param groupInfo      the GroupInfo at epoch 0, kept for GetGroupInfo
/// @param creationDigest SHA-256 of `groupInfo`: a repeat of the same request returns the original
public record NewConversation(ConvId conv, String convHome, int cipherSuite, byte[] groupInfo, DeviceKey creator,
                              byte[] creationDigest, long createdAtMs) {}
