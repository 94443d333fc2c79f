package io.wya.social.cache;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/// Generation values that no scope had before, on any node: a random 64-bit number drawn when
/// the node starts, then a counter. Two nodes share a value only if they drew the same number
/// (2⁻⁶⁴), and a node never repeats one, whatever Redis forgot in between (ADR 0122).
final class Generations {
  private final String node = Long.toUnsignedString(new SecureRandom().nextLong(), 36);
  private final AtomicLong counter = new AtomicLong();

  String next() { return node + "." + Long.toString(counter.incrementAndGet(), 36); }
}
