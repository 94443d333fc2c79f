package io.wya.social.identity;

import com.google.protobuf.ByteString;
import io.wya.social.config.SocialConfig;
import io.wya.social.http.ApiException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// Purge challenges expire (upstream's never do) and only this node's HMAC is accepted.
class ChallengesTest {
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test void aChallengeIsValidUntilItsTtlAndThenExpires() {
    Challenges issuer = challenges(Clock.fixed(t0, ZoneOffset.UTC));
    var challenge = issuer.issue();
    assertThatCode(() -> challenges(Clock.fixed(t0.plusSeconds(299), ZoneOffset.UTC)).check(challenge)).doesNotThrowAnyException();
    assertThatThrownBy(() -> challenges(Clock.fixed(t0.plusSeconds(301), ZoneOffset.UTC)).check(challenge))
        .isInstanceOf(ApiException.class).hasMessageContaining("older than 300 s");
  }

  @Test void aTamperedBodyOrHmacIsRefused() {
    Challenges issuer = challenges(Clock.fixed(t0, ZoneOffset.UTC));
    var challenge = issuer.issue();
    assertThatThrownBy(() -> issuer.check(challenge.toBuilder().setHmac(ByteString.copyFrom(new byte[32])).build()))
        .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).status()).isEqualTo(401);
  }

  private static Challenges challenges(Clock clock) {
    SocialConfig.Challenge challenge = proxy(SocialConfig.Challenge.class, name -> switch (name) {
      case "key" -> Optional.of("a fixed test key");
      case "ttl" -> Duration.ofMinutes(5);
      default -> throw new IllegalArgumentException(name);
    });
    SocialConfig config = proxy(SocialConfig.class, name -> name.equals("challenge") ? challenge : null);
    return new Challenges(config, clock, new SecureRandom());
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, java.util.function.Function<String, Object> answers) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> answers.apply(m.getName()));
  }
}
