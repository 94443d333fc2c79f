package io.wya.gateway.testing;

import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.UserId;
import io.wya.polycentric.EventAuthor;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.ProcessState;
import io.wya.polycentric.SigningKey;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import java.security.SecureRandom;
import java.time.Clock;

/// A Polycentric user for tests: a system key, one process that signs its social events (as the
/// official client would), and gateway devices.
public final class Person {
  private static final SecureRandom RANDOM = new SecureRandom();

  public final String name;
  public final SigningKey key;
  public final EventAuthor author;
  public final UserId id;

  private Person(String name, SigningKey key, Clock clock) {
    this.name = name;
    this.key = key;
    this.author = new EventAuthor(key, ProcessId.random(RANDOM), ProcessState.INITIAL, clock);
    this.id = new UserId(key.system().key().toByteArray());
  }

  public static Person named(String name, Clock clock) { return new Person(name, SigningKey.generate(RANDOM), clock); }

  /// A second process (another device of the same system), e.g. for same-millisecond conflicts.
  public EventAuthor otherProcess(Clock clock) {
    return new EventAuthor(key, ProcessId.random(RANDOM), ProcessState.INITIAL, clock);
  }

  public SystemKey system() { return key.system(); }

  public VerifiedEvent follow(Person other) { return author.follow(other.system()); }

  public VerifiedEvent unfollow(Person other) { return author.unfollow(other.system()); }

  public VerifiedEvent block(Person other) { return author.block(other.system()); }

  public VerifiedEvent unblock(Person other) { return author.unblock(other.system()); }

  public DeviceKey newDevice() {
    byte[] d = new byte[16];
    RANDOM.nextBytes(d);
    return new DeviceKey(id, new DeviceId(d));
  }

  @Override public String toString() { return name; }
}
