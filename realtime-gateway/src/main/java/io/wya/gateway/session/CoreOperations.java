package io.wya.gateway.session;

import io.wya.gateway.conversation.ConversationService;
import io.wya.gateway.keypackage.KeyPackageDirectory;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ServerFrame;

/// The delivery service's operations (GATEWAY_SPEC §13) in the dispatch table. `Ack` and
/// `ListConversations` are served by the session itself (they read its delivery state).
public final class CoreOperations {
  private CoreOperations() {}

  public static Operations register(Operations ops, ConversationService conversations, KeyPackageDirectory keyPackages) {
    ops.register(ClientFrame.Send.class, (s, f) -> conversations.send(s.device(), f).map(sent -> {
      s.noteHead(sent.convId(), sent.seq());
      return (ServerFrame) sent;
    }));
    ops.register(ClientFrame.CreateConversation.class, (s, f) -> conversations.create(s.device(), f).map(created -> {
      s.created(created.convId());
      return (ServerFrame) created;
    }));
    ops.register(ClientFrame.ResetConversation.class, (s, f) -> conversations.reset(s.device(), f).map(created -> {
      s.created(created.convId());
      return (ServerFrame) created;
    }));
    ops.register(ClientFrame.GetGroupInfo.class, (s, f) -> conversations.groupInfo(s.device(), f).map(ServerFrame.class::cast));
    ops.register(ClientFrame.UploadKeyPackages.class, (s, f) -> keyPackages.upload(s.device(), f).map(ServerFrame.class::cast));
    ops.register(ClientFrame.ClaimKeyPackages.class, (s, f) -> keyPackages.claim(s.device(), f).map(ServerFrame.class::cast));
    ops.register(ClientFrame.GetKeyPackageCount.class, (s, f) -> keyPackages.count(s.device()).map(ServerFrame.class::cast));
    return ops;
  }
}
