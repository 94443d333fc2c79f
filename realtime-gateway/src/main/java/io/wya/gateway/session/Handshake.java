package io.wya.gateway.session;

import io.vertx.core.Future;
import io.wya.gateway.auth.DeviceStore.Registration;
import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.ServerFrame;

/// The authentication of a [Session] (GATEWAY_SPEC §5.1): the Ed25519 proof over this
/// connection's nonce or a resume token, the penalty bar, device registration, the per-user cap
/// and one-session-per-device registration, then `Ready`. Runs on the session's loop.
final class Handshake {
  private final Session s;

  Handshake(Session session) {
    this.s = session;
  }

  Future<ServerFrame> authenticate(long requestId, ClientFrame.Authenticate a) {
    if (!s.services.authenticator().verify(s.nonce, a.device(), a.signature())) {
      s.write(Outbound.of(requestId, ServerFrame.Error.of(ErrorCode.AUTH_FAILED, "the signature does not verify (AUTH-2)")));
      s.closeWith(CloseCode.AUTH_FAILED, "authentication failed", 0);
      return Future.succeededFuture();
    }
    return barred(a.device()).compose(bar -> {
      if (bar > 0) return refusePenalized(requestId, bar);
      return s.here(s.services.devices().register(a.device(), s.config.sessions().maxDevicesPerUser(), s.services.clock().instant()))
          .compose(registration -> {
            if (registration == Registration.LIMIT_REACHED) {
              s.write(Outbound.of(requestId, ServerFrame.Error.of(ErrorCode.DEVICE_LIMIT_REACHED, "the user has "
                  + s.config.sessions().maxDevicesPerUser() + " devices (AUTH-4)")));
              s.closeWith(CloseCode.DEVICE_LIMIT, "device limit reached", 0);
              return Future.succeededFuture();
            }
            return becomeReady(requestId, a.device(), registration == Registration.REGISTERED);
          });
    });
  }

  Future<ServerFrame> resume(long requestId, ClientFrame.Resume r) {
    if (r.resumeToken().length == 0) {
      return Future.failedFuture(Rejection.of(ErrorCode.RESUME_TOKEN_INVALID, "no resume token (AUTH-6)"));
    }
    return s.here(s.services.resumeTokens().consume(r.resumeToken())).compose(owner -> {
      if (owner == null) {
        return Future.failedFuture(Rejection.of(ErrorCode.RESUME_TOKEN_INVALID,
            "unknown, expired or used resume token; authenticate with a signature (AUTH-6)"));
      }
      return barred(owner).compose(bar -> bar > 0 ? refusePenalized(requestId, bar) : becomeReady(requestId, owner, false));
    });
  }

  private Future<Long> barred(DeviceKey d) {
    if (s.config.limits().penaltyStrikes() == 0) return Future.succeededFuture(0L);
    return s.here(s.services.penalties().barredForMs(Session.penaltySubject(d)));
  }

  private Future<ServerFrame> refusePenalized(long requestId, long barMs) {
    s.write(Outbound.of(requestId, Session.rateLimited("this device is barred after a penalty (LIM-4)", barMs)));
    s.closeWith(CloseCode.PENALTY, "penalised", barMs);
    return Future.succeededFuture();
  }

  private Future<ServerFrame> becomeReady(long requestId, DeviceKey d, boolean registered) {
    byte[] token = s.services.entropy().bytes(32);
    return s.here(s.services.resumeTokens().issue(token, d, s.config.sessions().resumeTokenTtl())).compose(v -> {
      if (s.state != Session.State.CHALLENGED) return Future.succeededFuture();
      s.device = d;
      s.authTimeMs = s.now();
      switch (s.services.registry().register(s)) {
        case USER_CAP -> {
          long retry = s.config.sessions().heartbeatInterval().toMillis();
          s.write(Outbound.of(requestId, ServerFrame.Error.of(ErrorCode.TOO_MANY_CONNECTIONS, "the user has "
              + s.config.limits().maxConnectionsPerUser() + " sessions here (LIM-3)").withRetryAfterMs(retry)));
          s.closeWith(CloseCode.TOO_MANY_CONNECTIONS, "too many sessions of this user", retry);
          return Future.succeededFuture();
        }
        case SUPERSEDED -> {
          s.closeWith(CloseCode.SESSION_REPLACED, "a newer session of this device exists (SES-1)", 0);
          return Future.succeededFuture();
        }
        case REGISTERED -> { }
      }
      s.ready();
      s.write(Outbound.of(requestId, new ServerFrame.Ready(s.sessionId, token, s.config.sessions().resumeTokenTtl().toMillis(), registered,
          s.config.server().gatewayId(), d)));
      s.startDelivery();
      return Future.succeededFuture();
    });
  }
}
