package io.wya.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.wya.gateway.protocol.DeviceKey;
import java.time.Duration;
import java.util.HexFormat;

/// [ResumeTokens] in Redis: `SET <ns>rt:<token> <identity> PX ttl`, taken with `GETDEL`, so a
/// token works once on whichever instance sees it first.
public final class RedisResumeTokens implements ResumeTokens {
  private final Redis redis;
  private final String namespace;

  public RedisResumeTokens(Redis redis, String namespace) {
    this.redis = redis;
    this.namespace = namespace;
  }

  @Override
  public Future<Void> issue(byte[] token, DeviceKey device, Duration ttl) {
    return redis.send(Request.cmd(Command.SET).arg(key(token)).arg(Buffer.buffer(device.mlsIdentity())).arg("PX").arg(ttl.toMillis()))
        .mapEmpty();
  }

  @Override
  public Future<DeviceKey> consume(byte[] token) {
    return redis.send(Request.cmd(Command.GETDEL).arg(key(token))).map(r -> {
      if (r == null) return null;
      byte[] identity = r.toBuffer().getBytes();
      return identity.length == DeviceKey.MLS_IDENTITY_LENGTH ? DeviceKey.fromMlsIdentity(identity) : null;
    });
  }

  private String key(byte[] token) {
    return namespace + "rt:" + HexFormat.of().formatHex(token);
  }
}
