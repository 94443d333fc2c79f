package io.wya.social.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.polycentric.proto.HarborChallengeResponse;
import io.wya.polycentric.proto.HarborChallengeResponseBody;
import io.wya.social.config.SocialConfig;
import io.wya.social.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/// Stateless purge challenges: 32 random bytes and a creation time, authenticated with
/// HMAC-SHA256 under the node's key. Unlike upstream they expire after `social.challenge.ttl`.
@ApplicationScoped
class Challenges {
  private final byte[] key;
  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random;

  @Inject
  public Challenges(SocialConfig config, Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
    this.ttl = config.challenge().ttl();
    this.key = config.challenge().key().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
      byte[] k = new byte[32];
      random.nextBytes(k);
      return k;
    });
  }

  public HarborChallengeResponse issue() {
    byte[] challenge = new byte[32];
    random.nextBytes(challenge);
    ByteString body = HarborChallengeResponseBody.newBuilder().setChallenge(ByteString.copyFrom(challenge)).setCreatedOn(clock.millis())
        .build().toByteString();
    return HarborChallengeResponse.newBuilder().setBody(body).setHmac(ByteString.copyFrom(hmac(body.toByteArray()))).build();
  }

  /// The 32 bytes the client signs.
  public ByteString challengeBytes(HarborChallengeResponse response) { return body(response).getChallenge(); }

  /// @throws ApiException 401 when the HMAC is wrong or the challenge has expired
  public void check(HarborChallengeResponse response) {
    if (!MessageDigest.isEqual(hmac(response.getBody().toByteArray()), response.getHmac().toByteArray())) {
      throw new ApiException(401, "INVALID_CHALLENGE", "the challenge was not issued by this node");
    }
    long age = clock.millis() - body(response).getCreatedOn();
    if (age < 0 || age > ttl.toMillis()) throw new ApiException(401, "CHALLENGE_EXPIRED", "the challenge is older than " + ttl.toSeconds() + " s");
  }

  private static HarborChallengeResponseBody body(HarborChallengeResponse response) {
    try {
      return HarborChallengeResponseBody.parseFrom(response.getBody());
    } catch (InvalidProtocolBufferException e) {
      throw new ApiException(400, "MALFORMED_BODY", "the challenge body does not parse");
    }
  }

  private byte[] hmac(byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
