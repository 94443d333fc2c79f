package io.wya.gateway.conversation;

import io.vertx.core.Future;
import io.wya.gateway.mailbox.EntryEvent;
import io.wya.gateway.mailbox.EntryPublisher;
import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.mls.wire.GroupInfo;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;

/// The conversation operations of a session (GATEWAY_SPEC §7, §13): parse at the edge, decide
/// under the conversation's lock, publish what was accepted, answer. Every accepted entry is
/// handed to the [EntryPublisher] before the reply is built, so the sender's own echo and every
/// other member's delivery start from the same event.
public final class ConversationService {
  private final String gatewayId;
  private final Set<Integer> cipherSuites;
  private final SendParser parser;
  private final SendRules rules;
  private final ConversationStore store;
  private final EntryPublisher publisher;
  private final Clock clock;
  private final ApplicationBatcher batcher;

  public ConversationService(String gatewayId, Set<Integer> cipherSuites, int maxMlsMessageBytes, SendRules rules,
                             ConversationStore store, EntryPublisher publisher, Clock clock) {
    this(gatewayId, cipherSuites, maxMlsMessageBytes, rules, store, publisher, clock, ApplicationBatcher.Observer.NONE);
  }

  public ConversationService(String gatewayId, Set<Integer> cipherSuites, int maxMlsMessageBytes, SendRules rules,
                             ConversationStore store, EntryPublisher publisher, Clock clock, ApplicationBatcher.Observer observer) {
    this.batcher = new ApplicationBatcher(store, publisher, rules.appEpochGrace(), observer);
    this.gatewayId = gatewayId;
    this.cipherSuites = Set.copyOf(cipherSuites);
    this.parser = new SendParser(gatewayId, maxMlsMessageBytes);
    this.rules = rules;
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
  }

  /// `Send` → `Sent` (or a rejection).
  public Future<ServerFrame.Sent> send(DeviceKey sender, ClientFrame.Send send) {
    ParsedSend parsed;
    try {
      parsed = parser.parse(send);
    } catch (Rejection r) {
      return Future.failedFuture(r);
    }
    if (parsed.kind() == ParsedSend.Kind.APPLICATION) {
      io.wya.gateway.mailbox.Entry candidate = new io.wya.gateway.mailbox.Entry(send.convId(), 0, send.msgId(),
          io.wya.gateway.protocol.EntryKind.APPLICATION, parsed.epoch(), send.mlsMessage(), null, null, null, gatewayId, gatewayId,
          clock.millis(), sender);
      // the batcher published what it stored (with the rest of its statement); anything else
      // (a resend, a stale epoch, a non-member) goes through the full rules
      return batcher.submit(candidate).compose(fast -> fast.stored() != null
          ? Future.succeededFuture(sent(send, fast.stored(), fast.epochNow()))
          : decideFully(sender, send, parsed));
    }
    return decideFully(sender, send, parsed);
  }

  private Future<ServerFrame.Sent> decideFully(DeviceKey sender, ClientFrame.Send send, ParsedSend parsed) {
    return store.append(send.convId(), sender, send.msgId(), SendRules.plan(parsed), snap -> rules.decide(snap, parsed, sender,
        clock.millis())).map(decision -> switch (decision) {
          case Decision.Duplicate d -> new ServerFrame.Sent(send.convId(), d.seq(), send.msgId(), d.epoch(), true, gatewayId, gatewayId);
          case Decision.Accept a -> {
            publish(a);
            yield sent(send, a.entry(), a.epochAfter());
          }
        });
  }

  private static ServerFrame.Sent sent(ClientFrame.Send send, io.wya.gateway.mailbox.Entry stored, long epochAfter) {
    return new ServerFrame.Sent(send.convId(), stored.seq(), send.msgId(), epochAfter, false, stored.convHome(), stored.originGateway());
  }

  /// `CreateConversation` → `ConversationCreated` (CONV-1).
  public Future<ServerFrame.ConversationCreated> create(DeviceKey creator, ClientFrame.CreateConversation create) {
    NewConversation conversation;
    try {
      parser.checkDestination(create.destinationGateway());
      conversation = newConversation(create.convId(), create.groupInfo(), creator);
    } catch (Rejection r) {
      return Future.failedFuture(r);
    }
    return store.create(conversation).map(v -> new ServerFrame.ConversationCreated(create.convId(), 0, gatewayId, gatewayId));
  }

  /// `ResetConversation` → `ConversationCreated` for the successor (RESET-1).
  public Future<ServerFrame.ConversationCreated> reset(DeviceKey requester, ClientFrame.ResetConversation reset) {
    NewConversation successor;
    try {
      parser.checkEnvelope("group_info", reset.groupInfo());
      GroupInfo gi = groupInfo(reset.groupInfo());
      ConvId successorId;
      try {
        successorId = new ConvId(gi.groupContext().groupId());
      } catch (IllegalArgumentException e) {
        throw Rejection.of(ErrorCode.INVALID_ARGUMENT, "the successor's group_id: " + e.getMessage());
      }
      if (successorId.equals(reset.convId())) throw Rejection.of(ErrorCode.INVALID_ARGUMENT, "the successor needs a new group_id");
      successor = newConversation(successorId, reset.groupInfo(), requester);
    } catch (Rejection r) {
      return Future.failedFuture(r);
    }
    return store.append(reset.convId(), requester, null, new ConversationSnapshot.LoadPlan(false, java.util.List.of(), java.util.List.of(), false),
        snap -> rules.decideReset(snap, successor, requester, clock.millis())).map(decision -> {
          publish((Decision.Accept) decision);
          return new ServerFrame.ConversationCreated(successor.conv(), 0, gatewayId, gatewayId);
        });
  }

  /// `GetGroupInfo` → `GroupInfo` (GI-1).
  public Future<ServerFrame.GroupInfo> groupInfo(DeviceKey requester, ClientFrame.GetGroupInfo get) {
    return store.groupInfo(get.convId(), requester.user())
        .map(g -> new ServerFrame.GroupInfo(g.conv(), g.epoch(), g.groupInfo(), g.convHome(), gatewayId));
  }

  private void publish(Decision.Accept a) {
    publisher.publish(new EntryEvent(a.entry(), a.added().stream().map(ConversationSnapshot.Member::device).toList(),
        a.removed().stream().map(ConversationSnapshot.Member::device).toList()));
  }

  private NewConversation newConversation(ConvId conv, byte[] groupInfoBytes, DeviceKey creator) {
    parser.checkEnvelope("group_info", groupInfoBytes);
    GroupInfo gi = groupInfo(groupInfoBytes);
    if (!Arrays.equals(gi.groupContext().groupId(), conv.unsafeBytes())) {
      throw Rejection.of(ErrorCode.CONV_ID_MISMATCH, "the GroupInfo's group_id is not conv_id (CONV-1)");
    }
    if (!cipherSuites.contains(gi.groupContext().cipherSuite())) {
      throw Rejection.of(ErrorCode.UNSUPPORTED_CIPHER_SUITE, "cipher suite " + gi.groupContext().cipherSuite() + " is not accepted here");
    }
    if (gi.groupContext().epoch() != 0) throw Rejection.of(ErrorCode.INVALID_ARGUMENT, "group_info must be at epoch 0 (CONV-1)");
    if (gi.signer() != 0) throw Rejection.of(ErrorCode.INVALID_ARGUMENT, "group_info must be signed by leaf 0, the creator (CONV-1)");
    return new NewConversation(conv, gatewayId, gi.groupContext().cipherSuite(), groupInfoBytes, creator,
        SendRules.sha256(groupInfoBytes), clock.millis());
  }

  private GroupInfo groupInfo(byte[] bytes) {
    if (bytes.length == 0) throw Rejection.of(ErrorCode.INVALID_ARGUMENT, "group_info is required");
    if (!(parser.parse("group_info", bytes) instanceof GroupInfo gi)) {
      throw Rejection.of(ErrorCode.WRONG_WIRE_FORMAT, "group_info must be an MLSMessage(GroupInfo)");
    }
    return gi;
  }
}
