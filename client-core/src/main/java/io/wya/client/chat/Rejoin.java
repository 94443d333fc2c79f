package io.wya.client.chat;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.mls.CommitBundle;
import io.wya.mls.GroupStatus;
import io.wya.mls.GroupView;
import io.wya.mls.MlsClient;
import io.wya.mls.MlsException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/// Rejoins a conversation whose MLS state on this device is lost, unreadable or BROKEN (a Commit
/// it could not apply) by an external Commit (RFC 9420 §12.4.3.2) from the gateway's latest
/// GroupInfo (GI-1): the device takes a new leaf and its old leaf is removed in the same Commit
/// (MBR-5), so the others need do nothing (decisions/0506). What was sent while the state was
/// unusable cannot be read any more (those epochs' keys are gone); everything after the rejoin is.
final class Rejoin {
  private final MlsClient mls;
  private final ChatStore store;
  private final GatewayCalls calls;
  private final ChatClient chat;
  private final Clock clock;
  private final SecureRandom random;
  private final Consumer<ChatEvent> emit;

  Rejoin(MlsClient mls, ChatStore store, GatewayCalls calls, ChatClient chat, Clock clock, SecureRandom random, Consumer<ChatEvent> emit) {
    this.mls = mls;
    this.store = store;
    this.calls = calls;
    this.chat = chat;
    this.clock = clock;
    this.random = random;
    this.emit = emit;
  }

  /// Where this device's MLS state of `c` stands: empty when it is missing or unreadable.
  Optional<GroupView> state(Conversation c) {
    try {
      return Optional.of(mls.group(c.id().bytes()));
    } catch (MlsException e) {
      return Optional.empty();
    }
  }

  /// Whether `c` needs a rejoin: this device should be in it, but its MLS state cannot be used.
  boolean needed(Conversation c) {
    if (c.status() == Conversation.Status.BROKEN) return true;
    if (c.status() != Conversation.Status.ACTIVE) return false;
    return state(c).map(v -> v.status() != GroupStatus.ACTIVE).orElse(true);
  }

  /// Runs the external join and waits until its echo made the group usable again.
  /// @param force rejoin even though the state looks fine (it may be wedged in a way MLS cannot see)
  Conversation run(Conversation c, boolean force) {
    if (c.status() == Conversation.Status.REMOVED || c.status() == Conversation.Status.CLOSED) {
      throw new ClientException(ClientError.INVALID_ARGUMENT, "this device is no longer in the conversation (" + c.status()
          + "): a member must invite it again");
    }
    if (!force && !needed(c)) {
      throw new ClientException(ClientError.INVALID_ARGUMENT, "this device's state of the conversation is fine (--force rejoins anyway)");
    }
    for (int attempt = 1; ; attempt++) {
      ServerFrame.GroupInfo info = calls.call(new ClientFrame.GetGroupInfo(c.id()), ServerFrame.GroupInfo.class, ChatClient.CALL_TIMEOUT);
      forgetLocalState(c);
      markBroken(c);
      CommitBundle bundle = ChatClient.mls(() -> mls.externalJoin(info.groupInfo()));
      try {
        ServerFrame.Sent sent = chat.send(new ClientFrame.Send(c.id(), newMsgId(), bundle.commit(), new byte[0], bundle.groupInfo(), ""));
        chat.awaitProcessed(c.id(), sent.seq());
        Optional<GroupView> now = state(c);
        if (now.isEmpty() || now.get().status() != GroupStatus.ACTIVE) {
          throw new ClientException(ClientError.MLS, "the rejoin was accepted but this device could not apply it");
        }
        Conversation active = store.get(c.id()).orElse(c).withStatus(Conversation.Status.ACTIVE);
        store.put(active);
        ChatLine line = new ChatLine(c.id(), sent.seq(), Optional.empty(), clock.millis(),
            "this device rejoined; what was sent while its state was lost cannot be read", true);
        store.append(line);
        emit.accept(new ChatEvent.Updated(active));
        emit.accept(new ChatEvent.Line(active, line));
        return active;
      } catch (ClientException e) {
        discardQuietly(c);
        boolean stale = GatewayCalls.rejection(e).map(r -> r.code() == ErrorCode.STALE_EPOCH).orElse(false);
        if (!stale || attempt == ChatClient.MAX_ATTEMPTS) throw e;
        // another Commit won the epoch: fetch the newer GroupInfo and join that one
      }
    }
  }

  /// The old state goes: a JOINING leftover of an earlier attempt, a BROKEN or unreadable group,
  /// or (forced) an active one — the external Commit replaces this device's leaf either way.
  private void forgetLocalState(Conversation c) {
    try {
      mls.forgetGroup(c.id().bytes());
    } catch (MlsException e) {
      throw new ClientException(ClientError.MLS, "could not remove the old state: " + e.getMessage(), e);
    }
  }

  private void markBroken(Conversation c) {
    store.get(c.id()).filter(x -> x.status() != Conversation.Status.BROKEN).ifPresent(x -> store.put(x.withStatus(Conversation.Status.BROKEN)));
  }

  private void discardQuietly(Conversation c) {
    try {
      mls.discardPendingCommit(c.id().bytes());
    } catch (MlsException ignored) {
      // nothing pending
    }
  }

  private MsgId newMsgId() {
    byte[] id = new byte[MsgId.MIN_LENGTH];
    random.nextBytes(id);
    return new MsgId(id);
  }
}
