package io.wya.social.support;

import io.wya.polycentric.EventAuthor;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.ProcessState;
import io.wya.polycentric.SigningKey;
import io.wya.polycentric.SystemKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/// A fresh system with one process, publishing with strictly increasing times.
public final class Identity {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong TIME = new AtomicLong(System.currentTimeMillis() - 60_000);

  public final SigningKey key;
  public final EventAuthor author;

  private Identity(SigningKey key, EventAuthor author) {
    this.key = key;
    this.author = author;
  }

  public static Identity create() {
    SigningKey key = SigningKey.generate(RANDOM);
    return new Identity(key, new EventAuthor(key, ProcessId.random(RANDOM), ProcessState.INITIAL, ticking()));
  }

  /// Another process (device) of the same system.
  public Identity secondProcess() {
    return new Identity(key, new EventAuthor(key, ProcessId.random(RANDOM), ProcessState.INITIAL, ticking()));
  }

  public SystemKey system() { return key.system(); }

  /// A clock shared by all test identities that advances 1 ms per read.
  static Clock ticking() {
    return new Clock() {
      @Override public long millis() { return TIME.incrementAndGet(); }

      @Override public java.time.Instant instant() { return java.time.Instant.ofEpochMilli(millis()); }

      @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }

      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    };
  }
}
