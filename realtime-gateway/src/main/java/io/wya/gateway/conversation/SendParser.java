package io.wya.gateway.conversation;

import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.mls.wire.Commit;
import io.wya.mls.wire.ContentType;
import io.wya.mls.wire.GroupInfo;
import io.wya.mls.wire.MlsLimits;
import io.wya.mls.wire.MlsMessage;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.MlsWireException;
import io.wya.mls.wire.PrivateMessage;
import io.wya.mls.wire.PublicMessage;
import io.wya.mls.wire.Sender;
import io.wya.mls.wire.Welcome;
import java.util.Arrays;

/// The edge of `Send`: untrusted bytes become a [ParsedSend] or a [Rejection], before any stored
/// state is read. Every MLS byte goes through `mls-wire` (MLS-1); BouncyCastle never sees them.
public final class SendParser {
  private final String gatewayId;
  private final int maxMlsMessageBytes;
  private final MlsLimits limits;

  public SendParser(String gatewayId, int maxMlsMessageBytes) {
    this.gatewayId = gatewayId;
    this.maxMlsMessageBytes = maxMlsMessageBytes;
    this.limits = new MlsLimits(maxMlsMessageBytes);
  }

  public ParsedSend parse(ClientFrame.Send send) {
    checkEnvelope("mls_message", send.mlsMessage());
    checkEnvelope("welcome", send.welcome());
    checkEnvelope("group_info", send.groupInfo());
    checkDestination(send.destinationGateway());
    if (send.mlsMessage().length == 0) throw Rejection.of(ErrorCode.INVALID_ARGUMENT, "mls_message is required");
    MlsMessage message = parse("mls_message", send.mlsMessage());
    return switch (message) {
      case PrivateMessage p -> {
        if (p.contentType() != ContentType.APPLICATION) {
          throw Rejection.of(ErrorCode.WRONG_WIRE_FORMAT, "handshakes must be PublicMessage (MLS-3), got a private " + p.contentType());
        }
        checkGroup(p.groupId(), send);
        noBundle(send, "an application message");
        yield new ParsedSend(send, ParsedSend.Kind.APPLICATION, p, p.epoch(), null, null, null, null);
      }
      case PublicMessage p -> publicMessage(send, p);
      default -> throw Rejection.of(ErrorCode.WRONG_WIRE_FORMAT,
          "mls_message must be a PublicMessage or PrivateMessage, got " + message.wireFormat() + " (MLS-3)");
    };
  }

  private ParsedSend publicMessage(ClientFrame.Send send, PublicMessage p) {
    if (p.contentType() == ContentType.APPLICATION) {
      throw Rejection.of(ErrorCode.WRONG_WIRE_FORMAT, "application messages must be PrivateMessage (MLS-3)");
    }
    checkGroup(p.groupId(), send);
    if (p.sender() instanceof Sender.External || p.sender() instanceof Sender.NewMemberProposal) {
      throw Rejection.of(ErrorCode.UNSUPPORTED_MLS_FEATURE, "sender type " + p.sender().getClass().getSimpleName() + " (MLS-4)");
    }
    if (p.contentType() == ContentType.PROPOSAL) {
      noBundle(send, "a proposal");
      return new ParsedSend(send, ParsedSend.Kind.PROPOSAL, p, p.epoch(), p, null, null, null);
    }
    Commit commit = (Commit) p.content().body();
    if (!send.hasGroupInfo()) throw Rejection.of(ErrorCode.COMMIT_BUNDLE_INVALID, "a Commit needs group_info (COMMIT-1)");
    if (!(parse("group_info", send.groupInfo()) instanceof GroupInfo gi)) {
      throw Rejection.of(ErrorCode.COMMIT_BUNDLE_INVALID, "group_info is not a GroupInfo (COMMIT-1)");
    }
    if (!Arrays.equals(gi.groupContext().groupId(), p.groupId())) {
      throw Rejection.of(ErrorCode.COMMIT_BUNDLE_INVALID, "group_info is for another group (COMMIT-1)");
    }
    if (gi.groupContext().epoch() != p.epoch() + 1) {
      throw Rejection.of(ErrorCode.COMMIT_BUNDLE_INVALID, "group_info epoch " + Long.toUnsignedString(gi.groupContext().epoch())
          + " is not the Commit's epoch + 1 (COMMIT-1)");
    }
    Welcome welcome = null;
    if (send.hasWelcome()) {
      if (!(parse("welcome", send.welcome()) instanceof Welcome w)) {
        throw Rejection.of(ErrorCode.COMMIT_BUNDLE_INVALID, "welcome is not a Welcome (COMMIT-2)");
      }
      welcome = w;
    }
    return new ParsedSend(send, ParsedSend.Kind.COMMIT, p, p.epoch(), p, commit, gi, welcome);
  }

  /// Parses untrusted MLS bytes strictly; `field` names them in the error.
  MlsMessage parse(String field, byte[] bytes) {
    try {
      return MlsWire.parseMessage(bytes, limits);
    } catch (MlsWireException e) {
      throw new Rejection(ServerFrame.Error.of(ErrorCode.MLS_MALFORMED, field + ": " + e.getMessage())
          .withMlsReason(e.reason().name(), e.offset()));
    }
  }

  void checkEnvelope(String field, byte[] bytes) {
    if (bytes.length > maxMlsMessageBytes) {
      throw Rejection.of(ErrorCode.ENVELOPE_TOO_LARGE, field + " is " + bytes.length + " bytes, limit " + maxMlsMessageBytes + " (LIM-2)");
    }
  }

  void checkDestination(String destination) {
    if (!destination.isEmpty() && !destination.equals(gatewayId)) {
      throw Rejection.of(ErrorCode.FEDERATION_UNSUPPORTED, "destination_gateway " + destination + " is not " + gatewayId + " (GW-1)");
    }
  }

  private static void checkGroup(byte[] groupId, ClientFrame.Send send) {
    if (!Arrays.equals(groupId, send.convId().unsafeBytes())) {
      throw Rejection.of(ErrorCode.CONV_ID_MISMATCH, "the message's group_id is not conv_id (MLS-2)");
    }
  }

  private static void noBundle(ClientFrame.Send send, String what) {
    if (send.hasWelcome() || send.hasGroupInfo()) {
      throw Rejection.of(ErrorCode.COMMIT_BUNDLE_INVALID, what + " carries no welcome or group_info (COMMIT-2)");
    }
  }
}
