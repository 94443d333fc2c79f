package io.wya.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.redis.RedisSubscriber;
import io.wya.gateway.testing.RedisFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedisPresenceStoreIT extends PresenceStoreContract {
  private static RedisFixture redis;
  private static int stores;
  private RedisPresenceStore current;
  private RedisSubscriber subscriber;

  @BeforeAll static void connect() { redis = RedisFixture.create("t_presence_store"); }

  @AfterAll static void disconnect() { redis.close(); }

  @AfterEach void closeSubscriber() { subscriber.close().await(); }

  @Override protected PresenceStore newStore() {
    current = new RedisPresenceStore(redis.redis, redis.namespace + "s" + (stores++) + ":", Duration.ofMillis(TTL));
    return current;
  }

  @Override protected PresenceFeed newFeed() {
    subscriber = RedisSubscriber.start(redis.vertx, redis.redis).await();
    return new RedisPresenceFeed(subscriber, current.channelPrefix());
  }

  @Test
  @DisplayName("PRS-10 nothing of presence outlives its purpose: leases expire with the TTL, views and last-seen after 7 days")
  void everyKeyExpires() {
    DeviceKey d = alice.newDevice();
    store.set(d, PresenceStatus.ONLINE, "", clock.millis(), clock.millis() + TTL).await();
    store.release(d, clock.millis()).await();
    store.set(alice.newDevice(), PresenceStatus.AWAY, "", clock.millis(), clock.millis() + TTL).await();
    String ns = redis.namespace + "s" + (stores - 1) + ":presence:";
    long week = 7 * 24 * 3_600_000L;
    assertThat(pttl(ns + "l:" + alice.id.hex())).isBetween(1L, 2 * TTL + 60_000);
    assertThat(pttl(ns + "v:" + alice.id.hex())).isBetween(week - 60_000, week);
    assertThat(pttl(ns + "s:" + alice.id.hex())).isBetween(week - 60_000, week);
  }

  private long pttl(String key) { return redis.send(Request.cmd(Command.PTTL).arg(key)).toLong(); }
}
