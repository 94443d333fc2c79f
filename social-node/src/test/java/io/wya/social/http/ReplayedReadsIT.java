package io.wya.social.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.wya.polycentric.proto.RepeatedUInt64;
import io.wya.social.support.Identity;
import io.wya.social.support.Node;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/// Repeated reads answered before the REST layer (ADR 0112) are the replies the REST layer gives:
/// same status, headers and body, `304` alike, and never staler than the in-process cache.
@QuarkusTest
class ReplayedReadsIT {
  private static final String TYPES = Node.param(RepeatedUInt64.newBuilder().addNumbers(3).addNumbers(5).build());

  @Inject MeterRegistry metrics;

  @Test void aRepeatedReadIsReplayedWithTheRestLayersStatusHeadersAndBody() throws Exception {
    Identity alice = Identity.create();
    Node.post(alice.author.username("alice"), alice.author.post("hello")).then().statusCode(200);
    String uri = "/query_latest?system=" + Node.param(alice.system()) + "&event_types=" + TYPES;

    Response rendered = get(uri, null);
    assertThat(rendered.statusCode()).isEqualTo(200);
    Response replayed = replayedGet(uri, null);
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(headers(replayed)).isEqualTo(headers(rendered));
    assertThat(replayed.asByteArray()).isEqualTo(rendered.asByteArray());
  }

  @Test void aMatchingIfNoneMatchIs304FromBothLayersAlike() throws Exception {
    Identity bob = Identity.create();
    Node.post(bob.author.username("bob")).then().statusCode(200);
    String uri = "/query_latest?system=" + Node.param(bob.system()) + "&event_types=" + TYPES;
    String etag = get(uri, null).header("ETag");
    // The parameters the other way round are another URI for the same cache entry: its first 304
    // comes from the REST layer.
    String reordered = "/query_latest?event_types=" + TYPES + "&system=" + Node.param(bob.system());
    double replaysBefore = replays();
    Response rendered = get(reordered, etag);
    assertThat(replays()).isEqualTo(replaysBefore);
    assertThat(rendered.statusCode()).isEqualTo(304);
    Response replayed = replayedGet(reordered, etag);
    assertThat(replayed.statusCode()).isEqualTo(304);
    assertThat(headers(replayed)).isEqualTo(headers(rendered));
    assertThat(replayed.asByteArray()).isEmpty();
  }

  @Test void anIngestForTheSystemEndsTheReplay() throws Exception {
    Identity carol = Identity.create();
    Node.post(carol.author.username("carol")).then().statusCode(200);
    String uri = "/query_latest?system=" + Node.param(carol.system()) + "&event_types=" + TYPES;
    Response before = replayedGet(uri, null);

    Node.post(carol.author.username("carol the second")).then().statusCode(200);

    Response after = get(uri, null);
    assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
    assertThat(new String(after.asByteArray(), StandardCharsets.ISO_8859_1)).contains("carol the second");
  }

  /// Reads `uri` until one read is answered by the replay (the in-process entry lives 1 s, so a
  /// slow box may need a second try), and returns that reply.
  private Response replayedGet(String uri, String ifNoneMatch) {
    for (int attempt = 0; attempt < 20; attempt++) {
      double before = replays();
      Response response = get(uri, ifNoneMatch);
      if (replays() > before) return response;
    }
    throw new AssertionError(uri + " was never replayed");
  }

  private double replays() { return metrics.counter("social.cache.lookups", "result", "replayed").count(); }

  private static Response get(String uri, String ifNoneMatch) {
    var request = given().urlEncodingEnabled(false);
    if (ifNoneMatch != null) request.header("If-None-Match", ifNoneMatch);
    return request.get(uri);
  }

  /// Every header but the date, by lower-case name.
  private static Map<String, String> headers(Response response) {
    Map<String, String> headers = new TreeMap<>();
    for (Header h : response.getHeaders()) {
      if (!h.getName().equalsIgnoreCase("date")) headers.merge(h.getName().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b);
    }
    return headers;
  }
}
