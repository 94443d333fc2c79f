package io.wya.gateway.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.gateway.protocol.proto.*;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/// The only bridge between the generated protobuf classes and the record model (GATEWAY_SPEC §4).
/// Server side: [#decodeClient] and [#encodeServer]; client side: [#encodeClient] and
/// [#decodeServer]. Stateless and thread-safe.
public final class FrameCodec {
  /// Length of an Ed25519 signature.
  public static final int SIGNATURE_LENGTH = 64;
  /// Largest accepted resume token.
  public static final int MAX_RESUME_TOKEN_LENGTH = 64;

  private FrameCodec() {}

  // ---------------------------------------------------------------- client → server

  /// Decodes one client frame. Rejections carry the code to answer with: MALFORMED_FRAME (not a
  /// Frame), UNKNOWN_OPERATION (no/unknown/server-only body), INVALID_ARGUMENT (a field of the
  /// wrong size).
  public static ClientMessage decodeClient(byte[] bytes) throws FrameDecodeException {
    Frame f;
    try {
      f = Frame.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new FrameDecodeException(0, ErrorCode.MALFORMED_FRAME, "not a Frame: " + e.getMessage());
    }
    long requestId = Integer.toUnsignedLong(f.getRequestId());
    try {
      ClientFrame frame = switch (f.getBodyCase()) {
        case AUTHENTICATE -> {
          Authenticate a = f.getAuthenticate();
          byte[] signature = a.getSignature().toByteArray();
          if (signature.length != SIGNATURE_LENGTH) throw new IllegalArgumentException("signature must be 64 bytes, got " + signature.length);
          yield new ClientFrame.Authenticate(new DeviceKey(new UserId(a.getUserId().toByteArray()),
              new DeviceId(a.getDeviceId().toByteArray())), signature, a.getClientInfo());
        }
        case RESUME -> {
          byte[] token = f.getResume().getResumeToken().toByteArray();
          if (token.length > MAX_RESUME_TOKEN_LENGTH) throw new IllegalArgumentException("resume_token too long");
          yield new ClientFrame.Resume(token);
        }
        case PING -> new Ping(f.getPing().getNonce());
        case PONG -> new Pong(f.getPong().getNonce());
        case CREATE_CONVERSATION -> {
          CreateConversation c = f.getCreateConversation();
          yield new ClientFrame.CreateConversation(conv(c.getConvId()), c.getGroupInfo().toByteArray(), c.getDestinationGateway());
        }
        case SEND -> {
          Send s = f.getSend();
          yield new ClientFrame.Send(conv(s.getConvId()), new MsgId(s.getMsgId().toByteArray()), s.getMlsMessage().toByteArray(),
              s.getWelcome().toByteArray(), s.getGroupInfo().toByteArray(), s.getDestinationGateway());
        }
        case ACK -> {
          List<ClientFrame.Cursor> cursors = new ArrayList<>();
          for (Cursor c : f.getAck().getCursorsList()) cursors.add(new ClientFrame.Cursor(conv(c.getConvId()), c.getSeq()));
          yield new ClientFrame.Ack(cursors);
        }
        case GET_GROUP_INFO -> new ClientFrame.GetGroupInfo(conv(f.getGetGroupInfo().getConvId()));
        case RESET_CONVERSATION -> new ClientFrame.ResetConversation(conv(f.getResetConversation().getConvId()),
            f.getResetConversation().getGroupInfo().toByteArray());
        case LIST_CONVERSATIONS -> new ClientFrame.ListConversations();
        case UPLOAD_KEY_PACKAGES -> {
          List<ClientFrame.KeyPackageUpload> items = new ArrayList<>();
          for (KeyPackageUpload u : f.getUploadKeyPackages().getItemsList()) {
            items.add(new ClientFrame.KeyPackageUpload(u.getKeyPackage().toByteArray(), u.getLastResort()));
          }
          yield new ClientFrame.UploadKeyPackages(items);
        }
        case CLAIM_KEY_PACKAGES -> {
          ClaimKeyPackages c = f.getClaimKeyPackages();
          List<DeviceId> devices = new ArrayList<>();
          for (ByteString d : c.getDeviceIdsList()) devices.add(new DeviceId(d.toByteArray()));
          yield new ClientFrame.ClaimKeyPackages(new UserId(c.getUserId().toByteArray()), devices,
              c.getCipherSuite() == 0 ? 1 : c.getCipherSuite());
        }
        case GET_KEY_PACKAGE_COUNT -> new ClientFrame.GetKeyPackageCount();
        case SET_PRESENCE -> PresenceCodec.decodeSetPresence(f.getSetPresence());
        case WATCH_PRESENCE -> PresenceCodec.decodeWatchPresence(f.getWatchPresence());
        case BODY_NOT_SET -> throw new FrameDecodeException(requestId, ErrorCode.UNKNOWN_OPERATION, "no known operation in frame");
        default -> throw new FrameDecodeException(requestId, ErrorCode.UNKNOWN_OPERATION,
            f.getBodyCase() + " is a server frame, not a client operation");
      };
      return new ClientMessage(requestId, frame);
    } catch (IllegalArgumentException e) {
      throw new FrameDecodeException(requestId, ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
  }

  /// Encodes one client frame (clients, tests, load harnesses).
  public static byte[] encodeClient(long requestId, ClientFrame frame) {
    Frame.Builder b = Frame.newBuilder().setRequestId((int) requestId);
    switch (frame) {
      case ClientFrame.Authenticate a -> b.setAuthenticate(Authenticate.newBuilder().setUserId(bs(a.device().user().unsafeBytes()))
          .setDeviceId(bs(a.device().device().unsafeBytes())).setSignature(bs(a.signature())).setClientInfo(a.clientInfo()));
      case ClientFrame.Resume r -> b.setResume(Resume.newBuilder().setResumeToken(bs(r.resumeToken())));
      case Ping p -> b.setPing(io.wya.gateway.protocol.proto.Ping.newBuilder().setNonce(p.nonce()));
      case Pong p -> b.setPong(io.wya.gateway.protocol.proto.Pong.newBuilder().setNonce(p.nonce()));
      case ClientFrame.CreateConversation c -> b.setCreateConversation(CreateConversation.newBuilder()
          .setConvId(bs(c.convId().unsafeBytes())).setGroupInfo(bs(c.groupInfo())).setDestinationGateway(c.destinationGateway()));
      case ClientFrame.Send s -> b.setSend(Send.newBuilder().setConvId(bs(s.convId().unsafeBytes())).setMsgId(bs(s.msgId().unsafeBytes()))
          .setMlsMessage(bs(s.mlsMessage())).setWelcome(bs(s.welcome())).setGroupInfo(bs(s.groupInfo()))
          .setDestinationGateway(s.destinationGateway()));
      case ClientFrame.Ack a -> {
        Ack.Builder ack = Ack.newBuilder();
        for (ClientFrame.Cursor c : a.cursors()) ack.addCursors(Cursor.newBuilder().setConvId(bs(c.convId().unsafeBytes())).setSeq(c.seq()));
        b.setAck(ack);
      }
      case ClientFrame.GetGroupInfo g -> b.setGetGroupInfo(GetGroupInfo.newBuilder().setConvId(bs(g.convId().unsafeBytes())));
      case ClientFrame.ResetConversation r -> b.setResetConversation(ResetConversation.newBuilder()
          .setConvId(bs(r.convId().unsafeBytes())).setGroupInfo(bs(r.groupInfo())));
      case ClientFrame.ListConversations l -> b.setListConversations(ListConversations.getDefaultInstance());
      case ClientFrame.UploadKeyPackages u -> {
        UploadKeyPackages.Builder up = UploadKeyPackages.newBuilder();
        for (ClientFrame.KeyPackageUpload i : u.items()) {
          up.addItems(KeyPackageUpload.newBuilder().setKeyPackage(bs(i.keyPackage())).setLastResort(i.lastResort()));
        }
        b.setUploadKeyPackages(up);
      }
      case ClientFrame.ClaimKeyPackages c -> {
        ClaimKeyPackages.Builder claim = ClaimKeyPackages.newBuilder().setUserId(bs(c.user().unsafeBytes())).setCipherSuite(c.cipherSuite());
        for (DeviceId d : c.devices()) claim.addDeviceIds(bs(d.unsafeBytes()));
        b.setClaimKeyPackages(claim);
      }
      case ClientFrame.GetKeyPackageCount g -> b.setGetKeyPackageCount(GetKeyPackageCount.getDefaultInstance());
      case ClientFrame.SetPresence p -> PresenceCodec.encodeClient(b, p);
      case ClientFrame.WatchPresence w -> PresenceCodec.encodeClient(b, w);
    }
    return b.build().toByteArray();
  }

  // ---------------------------------------------------------------- server → client

  /// Encodes one server frame.
  public static byte[] encodeServer(long requestId, ServerFrame frame) {
    Frame.Builder b = Frame.newBuilder().setRequestId((int) requestId);
    switch (frame) {
      case ServerFrame.Challenge c -> {
        ServerFrame.Limits l = c.limits();
        b.setChallenge(Challenge.newBuilder().setNonce(bs(c.nonce())).setGatewayId(c.gatewayId()).setServerTimeMs(c.serverTimeMs())
            .setHeartbeatIntervalMs(c.heartbeatIntervalMs()).setHeartbeatTimeoutMs(c.heartbeatTimeoutMs())
            .setLimits(Limits.newBuilder().setMaxFrameBytes(l.maxFrameBytes()).setMaxMlsMessageBytes(l.maxMlsMessageBytes())
                .setMaxKeyPackagesPerUpload(l.maxKeyPackagesPerUpload()).setFrameRate(l.frameRate()).setSendRate(l.sendRate()))
            .setStreamId(c.streamId()));
      }
      case ServerFrame.Ready r -> b.setReady(Ready.newBuilder().setSessionId(r.sessionId()).setResumeToken(bs(r.resumeToken()))
          .setResumeTokenTtlMs(r.resumeTokenTtlMs()).setDeviceRegistered(r.deviceRegistered()).setGatewayId(r.gatewayId())
          .setUserId(bs(r.device().user().unsafeBytes())).setDeviceId(bs(r.device().device().unsafeBytes())));
      case ServerFrame.Error e -> {
        io.wya.gateway.protocol.proto.Error.Builder err = io.wya.gateway.protocol.proto.Error.newBuilder()
            .setCodeValue(e.code().code()).setMessage(e.message()).setRetryable(e.retryable()).setRetryAfterMs(e.retryAfterMs())
            .setMlsReason(e.mlsReason()).setSuccessorConvId(bs(e.successorConvId()));
        e.currentEpoch().ifPresent(err::setCurrentEpoch);
        e.itemIndex().ifPresent(err::setItemIndex);
        e.mlsOffset().ifPresent(err::setMlsOffset);
        if (e.keyPackageReason() != null) err.setKeyPackageReasonValue(e.keyPackageReason().code());
        b.setError(err);
      }
      case ServerFrame.Closing c -> b.setClosing(Closing.newBuilder().setCloseCode(c.code().code()).setReason(c.reason())
          .setRetryAfterMs(c.retryAfterMs()).setRetry(retry(c.retry())));
      case ServerFrame.Ok o -> b.setOk(Ok.getDefaultInstance());
      case Ping p -> b.setPing(io.wya.gateway.protocol.proto.Ping.newBuilder().setNonce(p.nonce()));
      case Pong p -> b.setPong(io.wya.gateway.protocol.proto.Pong.newBuilder().setNonce(p.nonce()));
      case ServerFrame.Deliver d -> b.setDeliver(deliver(d));
      case ServerFrame.CaughtUp c -> b.setCaughtUp(CaughtUp.newBuilder().setConversations(c.conversations()));
      case ServerFrame.HistoryGap g -> b.setHistoryGap(HistoryGap.newBuilder().setConvId(bs(g.convId().unsafeBytes()))
          .setFromSeq(g.fromSeq()).setToSeq(g.toSeq()));
      case ServerFrame.Sent s -> b.setSent(Sent.newBuilder().setConvId(bs(s.convId().unsafeBytes())).setSeq(s.seq())
          .setMsgId(bs(s.msgId().unsafeBytes())).setEpoch(s.epoch()).setDuplicate(s.duplicate()).setConvHome(s.convHome())
          .setOriginGateway(s.originGateway()));
      case ServerFrame.ConversationCreated c -> b.setConversationCreated(ConversationCreated.newBuilder()
          .setConvId(bs(c.convId().unsafeBytes())).setEpoch(c.epoch()).setConvHome(c.convHome()).setOriginGateway(c.originGateway()));
      case ServerFrame.GroupInfo g -> b.setGroupInfo(GroupInfo.newBuilder().setConvId(bs(g.convId().unsafeBytes()))
          .setEpoch(g.epoch()).setGroupInfo(bs(g.groupInfo())).setConvHome(g.convHome()).setOriginGateway(g.originGateway()));
      case ServerFrame.Conversations c -> {
        Conversations.Builder list = Conversations.newBuilder();
        for (ServerFrame.ConversationSummary s : c.conversations()) {
          list.addConversations(ConversationSummary.newBuilder().setConvId(bs(s.convId().unsafeBytes())).setEpoch(s.epoch())
              .setHeadSeq(s.headSeq()).setAckedSeq(s.ackedSeq()).setConvHome(s.convHome())
              .setSuccessorConvId(s.successor() == null ? ByteString.EMPTY : bs(s.successor().unsafeBytes())).setActive(s.active()));
        }
        b.setConversations(list);
      }
      case ServerFrame.KeyPackagesUploaded u -> {
        KeyPackagesUploaded.Builder up = KeyPackagesUploaded.newBuilder().setOneTimeCount(u.oneTimeCount())
            .setHasLastResort(u.hasLastResort()).setServedBy(u.servedBy()).setUserHomeGateway(u.userHomeGateway());
        for (byte[] ref : u.refs()) up.addRefs(bs(ref));
        b.setKeyPackagesUploaded(up);
      }
      case ServerFrame.KeyPackagesClaimed c -> {
        KeyPackagesClaimed.Builder claimed = KeyPackagesClaimed.newBuilder().setUserId(bs(c.user().unsafeBytes()))
            .setServedBy(c.servedBy()).setUserHomeGateway(c.userHomeGateway());
        for (ServerFrame.ClaimedKeyPackage k : c.keyPackages()) {
          claimed.addKeyPackages(ClaimedKeyPackage.newBuilder().setDeviceId(bs(k.device().unsafeBytes()))
              .setKeyPackage(bs(k.keyPackage())).setKeyPackageRef(bs(k.ref())).setLastResort(k.lastResort()));
        }
        for (DeviceId d : c.exhausted()) claimed.addExhaustedDeviceIds(bs(d.unsafeBytes()));
        b.setKeyPackagesClaimed(claimed);
      }
      case ServerFrame.KeyPackageCount c -> {
        KeyPackageCount.Builder count = KeyPackageCount.newBuilder().setLowWatermark(c.lowWatermark());
        for (ServerFrame.SuiteCount s : c.suites()) {
          count.addSuites(SuiteCount.newBuilder().setCipherSuite(s.cipherSuite()).setOneTimeCount(s.oneTimeCount())
              .setHasLastResort(s.hasLastResort()));
        }
        b.setKeyPackageCount(count);
      }
      case ServerFrame.KeyPackagesLow l -> b.setKeyPackagesLow(KeyPackagesLow.newBuilder().setCipherSuite(l.cipherSuite())
          .setOneTimeCount(l.oneTimeCount()).setLowWatermark(l.lowWatermark()));
      case ServerFrame.PresenceLease l -> PresenceCodec.encodeServer(b, l);
      case ServerFrame.PresenceSnapshot p -> PresenceCodec.encodeServer(b, p);
      case ServerFrame.PresenceChanged c -> PresenceCodec.encodeServer(b, c);
      case ServerFrame.PresenceWatchEnded e -> PresenceCodec.encodeServer(b, e);
      case ServerFrame.Unknown u -> throw new IllegalArgumentException("cannot encode an unknown frame");
    }
    return b.build().toByteArray();
  }

  private static Deliver deliver(ServerFrame.Deliver d) {
    return Deliver.newBuilder().setConvId(bs(d.convId().unsafeBytes())).setSeq(d.seq()).setMsgId(bs(d.msgId().unsafeBytes()))
        .setKindValue(d.kind().code()).setEpoch(d.epoch()).setMlsMessage(bs(d.mlsMessage())).setGroupInfo(bs(d.groupInfo()))
        .setSuccessorConvId(d.successor() == null ? ByteString.EMPTY : bs(d.successor().unsafeBytes()))
        .setConvHome(d.convHome()).setOriginGateway(d.originGateway()).setAcceptedAtMs(d.acceptedAtMs()).build();
  }

  /// Decodes one server frame (clients). Frames this version does not know decode to
  /// [ServerFrame.Unknown].
  public static ServerMessage decodeServer(byte[] bytes) throws FrameDecodeException {
    Frame f;
    try {
      f = Frame.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new FrameDecodeException(0, ErrorCode.MALFORMED_FRAME, "not a Frame: " + e.getMessage());
    }
    long requestId = Integer.toUnsignedLong(f.getRequestId());
    try {
      ServerFrame frame = switch (f.getBodyCase()) {
        case CHALLENGE -> {
          Challenge c = f.getChallenge();
          Limits l = c.getLimits();
          yield new ServerFrame.Challenge(c.getNonce().toByteArray(), c.getGatewayId(), c.getServerTimeMs(), c.getHeartbeatIntervalMs(),
              c.getHeartbeatTimeoutMs(), new ServerFrame.Limits(l.getMaxFrameBytes(), l.getMaxMlsMessageBytes(),
                  l.getMaxKeyPackagesPerUpload(), l.getFrameRate(), l.getSendRate()), c.getStreamId());
        }
        case READY -> {
          Ready r = f.getReady();
          yield new ServerFrame.Ready(r.getSessionId(), r.getResumeToken().toByteArray(), r.getResumeTokenTtlMs(),
              r.getDeviceRegistered(), r.getGatewayId(), new DeviceKey(new UserId(r.getUserId().toByteArray()),
                  new DeviceId(r.getDeviceId().toByteArray())));
        }
        case ERROR -> {
          io.wya.gateway.protocol.proto.Error e = f.getError();
          ErrorCode code = ErrorCode.of(e.getCodeValue());
          if (code == null) code = ErrorCode.INTERNAL;
          yield new ServerFrame.Error(code, e.getMessage(), e.getRetryAfterMs(),
              e.hasCurrentEpoch() ? OptionalLong.of(e.getCurrentEpoch()) : OptionalLong.empty(),
              e.hasItemIndex() ? OptionalInt.of(e.getItemIndex()) : OptionalInt.empty(), e.getMlsReason(),
              e.hasMlsOffset() ? OptionalInt.of(e.getMlsOffset()) : OptionalInt.empty(),
              KeyPackageRejection.of(e.getKeyPackageReasonValue()), e.getSuccessorConvId().toByteArray());
        }
        case CLOSING -> {
          Closing c = f.getClosing();
          CloseCode code = CloseCode.of(c.getCloseCode());
          yield new ServerFrame.Closing(code == null ? CloseCode.INTERNAL_ERROR : code, c.getReason(), c.getRetryAfterMs());
        }
        case OK -> new ServerFrame.Ok();
        case PING -> new Ping(f.getPing().getNonce());
        case PONG -> new Pong(f.getPong().getNonce());
        case DELIVER -> {
          Deliver d = f.getDeliver();
          EntryKind kind = EntryKind.of(d.getKindValue());
          if (kind == null) yield new ServerFrame.Unknown(Frame.DELIVER_FIELD_NUMBER);
          yield new ServerFrame.Deliver(conv(d.getConvId()), d.getSeq(), new MsgId(d.getMsgId().toByteArray()), kind, d.getEpoch(),
              d.getMlsMessage().toByteArray(), d.getGroupInfo().toByteArray(),
              d.getSuccessorConvId().isEmpty() ? null : conv(d.getSuccessorConvId()), d.getConvHome(), d.getOriginGateway(),
              d.getAcceptedAtMs());
        }
        case CAUGHT_UP -> new ServerFrame.CaughtUp(f.getCaughtUp().getConversations());
        case HISTORY_GAP -> new ServerFrame.HistoryGap(conv(f.getHistoryGap().getConvId()), f.getHistoryGap().getFromSeq(),
            f.getHistoryGap().getToSeq());
        case SENT -> {
          Sent s = f.getSent();
          yield new ServerFrame.Sent(conv(s.getConvId()), s.getSeq(), new MsgId(s.getMsgId().toByteArray()), s.getEpoch(),
              s.getDuplicate(), s.getConvHome(), s.getOriginGateway());
        }
        case CONVERSATION_CREATED -> {
          ConversationCreated c = f.getConversationCreated();
          yield new ServerFrame.ConversationCreated(conv(c.getConvId()), c.getEpoch(), c.getConvHome(), c.getOriginGateway());
        }
        case GROUP_INFO -> {
          GroupInfo g = f.getGroupInfo();
          yield new ServerFrame.GroupInfo(conv(g.getConvId()), g.getEpoch(), g.getGroupInfo().toByteArray(), g.getConvHome(),
              g.getOriginGateway());
        }
        case CONVERSATIONS -> {
          List<ServerFrame.ConversationSummary> list = new ArrayList<>();
          for (ConversationSummary s : f.getConversations().getConversationsList()) {
            list.add(new ServerFrame.ConversationSummary(conv(s.getConvId()), s.getEpoch(), s.getHeadSeq(), s.getAckedSeq(),
                s.getConvHome(), s.getSuccessorConvId().isEmpty() ? null : conv(s.getSuccessorConvId()), s.getActive()));
          }
          yield new ServerFrame.Conversations(list);
        }
        case KEY_PACKAGES_UPLOADED -> {
          KeyPackagesUploaded u = f.getKeyPackagesUploaded();
          yield new ServerFrame.KeyPackagesUploaded(u.getRefsList().stream().map(ByteString::toByteArray).toList(),
              u.getOneTimeCount(), u.getHasLastResort(), u.getServedBy(), u.getUserHomeGateway());
        }
        case KEY_PACKAGES_CLAIMED -> {
          KeyPackagesClaimed c = f.getKeyPackagesClaimed();
          List<ServerFrame.ClaimedKeyPackage> kps = new ArrayList<>();
          for (ClaimedKeyPackage k : c.getKeyPackagesList()) {
            kps.add(new ServerFrame.ClaimedKeyPackage(new DeviceId(k.getDeviceId().toByteArray()), k.getKeyPackage().toByteArray(),
                k.getKeyPackageRef().toByteArray(), k.getLastResort()));
          }
          List<DeviceId> exhausted = new ArrayList<>();
          for (ByteString d : c.getExhaustedDeviceIdsList()) exhausted.add(new DeviceId(d.toByteArray()));
          yield new ServerFrame.KeyPackagesClaimed(new UserId(c.getUserId().toByteArray()), kps, exhausted, c.getServedBy(),
              c.getUserHomeGateway());
        }
        case KEY_PACKAGE_COUNT -> {
          List<ServerFrame.SuiteCount> suites = new ArrayList<>();
          for (SuiteCount s : f.getKeyPackageCount().getSuitesList()) {
            suites.add(new ServerFrame.SuiteCount(s.getCipherSuite(), s.getOneTimeCount(), s.getHasLastResort()));
          }
          yield new ServerFrame.KeyPackageCount(suites, f.getKeyPackageCount().getLowWatermark());
        }
        case KEY_PACKAGES_LOW -> new ServerFrame.KeyPackagesLow(f.getKeyPackagesLow().getCipherSuite(),
            f.getKeyPackagesLow().getOneTimeCount(), f.getKeyPackagesLow().getLowWatermark());
        case PRESENCE_LEASE -> PresenceCodec.decodeLease(f.getPresenceLease());
        case PRESENCE_SNAPSHOT -> PresenceCodec.decodeSnapshot(f.getPresenceSnapshot());
        case PRESENCE_CHANGED -> PresenceCodec.decodeChanged(f.getPresenceChanged());
        case PRESENCE_WATCH_ENDED -> PresenceCodec.decodeWatchEnded(f.getPresenceWatchEnded());
        case BODY_NOT_SET -> new ServerFrame.Unknown(0);
        default -> new ServerFrame.Unknown(f.getBodyCase().getNumber());
      };
      return new ServerMessage(requestId, frame);
    } catch (IllegalArgumentException e) {
      throw new FrameDecodeException(requestId, ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
  }

  private static io.wya.gateway.protocol.proto.RetryPolicy retry(RetryPolicy policy) {
    return switch (policy) {
      case NONE -> io.wya.gateway.protocol.proto.RetryPolicy.RETRY_POLICY_UNSPECIFIED;
      case RECONNECT_NOW -> io.wya.gateway.protocol.proto.RetryPolicy.RECONNECT_NOW;
      case RECONNECT_WITH_BACKOFF -> io.wya.gateway.protocol.proto.RetryPolicy.RECONNECT_WITH_BACKOFF;
      case RECONNECT_AFTER_DELAY -> io.wya.gateway.protocol.proto.RetryPolicy.RECONNECT_AFTER_DELAY;
      case DO_NOT_RECONNECT -> io.wya.gateway.protocol.proto.RetryPolicy.DO_NOT_RECONNECT;
    };
  }

  private static ConvId conv(ByteString b) {
    return new ConvId(b.toByteArray());
  }

  private static ByteString bs(byte[] b) {
    return b == null || b.length == 0 ? ByteString.EMPTY : ByteString.copyFrom(b);
  }
}
