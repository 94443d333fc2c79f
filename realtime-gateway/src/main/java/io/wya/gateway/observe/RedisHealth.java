package io.wya.gateway.observe;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/// Redis answers `PING`.
public final class RedisHealth implements Dependency {
  private final Redis redis;

  public RedisHealth(Redis redis) {
    this.redis = redis;
  }

  @Override public String name() { return "redis"; }

  @Override public Future<Void> check() { return redis.send(Request.cmd(Command.PING)).mapEmpty(); }
}
