package io.wya.social.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;

/// Time and randomness as injectable beans, so tests can replace them.
public class ClockProducer {
  @Produces
  @Singleton
  Clock clock() { return Clock.systemUTC(); }

  @Produces
  @Singleton
  SecureRandom random() { return new SecureRandom(); }
}
