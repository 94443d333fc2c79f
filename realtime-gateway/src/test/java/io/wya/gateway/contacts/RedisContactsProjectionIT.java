package io.wya.gateway.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.wya.gateway.redis.RedisSubscriber;
import io.wya.gateway.testing.RedisFixture;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedisContactsProjectionIT extends ContactsProjectionContract {
  private static RedisFixture redis;
  private static int projections;

  @BeforeAll static void connect() { redis = RedisFixture.create("t_contacts"); }

  @AfterAll static void disconnect() { redis.close(); }

  @Override protected ContactsProjection newProjection() {
    return new RedisContactsProjection(redis.redis, redis.namespace + "p" + (projections++) + ":", "polycentric.events", new SecureRandom());
  }

  @Override protected void lose(ContactsProjection projection) {
    redis.deleteKeys(((RedisContactsProjection) projection).base());
  }

  @Test
  @DisplayName("PRS-8 flips are published to every instance on the projection's channel")
  void flipsArePublished() throws Exception {
    RedisContactsProjection p = (RedisContactsProjection) newProjection();
    String gen = p.open().await().id();
    RedisSubscriber subscriber = RedisSubscriber.start(redis.vertx, redis.redis).await();
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    subscriber.subscribe(p.flipsChannel(), received::add).await();
    p.apply(gen, 0, 1, Graph.records(0, alice.follow(bob), bob.follow(alice))).await();
    assertThat(ContactFlip.decode(received.poll(10, TimeUnit.SECONDS))).isEqualTo(new ContactFlip(bob.id, alice.id, true));
    subscriber.close().await();
  }

  @Test
  void otherGenerationsArePurged() {
    RedisContactsProjection p = (RedisContactsProjection) newProjection();
    String gen = p.open().await().id();
    p.apply(gen, 0, 1, Graph.records(0, alice.follow(bob), bob.follow(alice))).await();
    redis.send(Request.cmd(Command.DEL).arg(p.base() + "gen"));
    String next = p.open().await().id();
    p.apply(next, 0, 0, Graph.records(0, carol.follow(bob))).await();
    assertThat(p.purgeOtherGenerations().await()).isEqualTo(3L); // the old edges of alice and bob, and the old offsets
    assertThat(p.areContacts(alice.id, List.of(bob.id)).await()).containsExactly(false);
    assertThat(redis.send(Request.cmd(Command.EXISTS).arg(p.base() + next + ":e:" + carol.id.hex())).toInteger()).isEqualTo(1);
  }
}
