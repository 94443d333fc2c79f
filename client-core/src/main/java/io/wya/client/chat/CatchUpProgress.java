package io.wya.client.chat;

import io.wya.client.Progress;
import io.wya.client.gateway.GatewayConnection;
import io.wya.client.gateway.GatewayListener;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ServerFrame;

/// Shows the catch-up of a mailbox as progress: after `Ready` it asks `ListConversations` for
/// each conversation's head and ack cursor (their difference is the backlog), then counts the
/// `Deliver`s until `CaughtUp` (DLV-3). All on the connection's event thread.
final class CatchUpProgress implements GatewayListener {
  private final Progress progress;
  private GatewayConnection connection;
  private boolean catchingUp;
  private boolean begun;
  private long early;

  CatchUpProgress(Progress progress) { this.progress = progress; }

  void attach(GatewayConnection connection) { this.connection = connection; }

  @Override public void onReady(ServerFrame.Ready ready, boolean fresh) {
    catchingUp = true;
    begun = false;
    early = 0;
    connection.call(new ClientFrame.ListConversations()).thenAccept(reply -> {
      if (!catchingUp || !(reply.frame() instanceof ServerFrame.Conversations list)) return;
      long backlog = 0;
      for (ServerFrame.ConversationSummary c : list.conversations()) backlog += Math.max(0, c.headSeq() - c.ackedSeq());
      progress.begin("catching up", backlog);
      begun = true;
      if (early > 0) progress.advance(early);
    });
  }

  @Override public void onDeliver(ServerFrame.Deliver deliver) {
    if (!catchingUp) return;
    if (begun) progress.advance(1);
    else early++;
  }

  @Override public void onCaughtUp(ServerFrame.CaughtUp caughtUp) {
    if (catchingUp && begun) progress.end();
    catchingUp = false;
  }
}
