package io.wya.social.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.wya.polycentric.proto.RepeatedUInt64;
import io.wya.social.support.Identity;
import io.wya.social.support.Node;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// CORS exactly as the protocol doc says, strong ETags with 304, and Cache-Control per route.
@QuarkusTest
class HttpCachingIT {
  @Test void aPreflightOnAnyPathIs200WithTheAllowedHeaders() {
    for (String path : new String[] {"/events", "/query_index", "/no/such/path"}) {
      given().header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
          .header("Access-Control-Request-Headers", "content-type, x-polycentric-user-agent")
          .options(path).then().statusCode(200).body(emptyString())
          .header("Access-Control-Allow-Origin", "*")
          .header("Access-Control-Allow-Headers", "content-type, x-polycentric-user-agent")
          .header("Access-Control-Allow-Methods", "POST, GET")
          .header("Access-Control-Max-Age", "300")
          .header("Access-Control-Allow-Credentials", nullValue());
    }
  }

  @Test void aPreflightForAnotherMethodOrHeaderIsRefused() {
    given().header("Origin", "https://app.example").header("Access-Control-Request-Method", "DELETE").options("/events")
        .then().statusCode(403);
    given().header("Origin", "https://app.example").header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization").options("/events").then().statusCode(403);
  }

  @Test void everyResponseAllowsAnyOriginStatically() {
    given().header("Origin", "https://one.example").get("/version").then().header("Access-Control-Allow-Origin", "*");
  }

  @Test void aMatchingIfNoneMatchIs304AndTheTagChangesWithTheContent() {
    Identity alice = Identity.create();
    Node.post(alice.author.username("alice")).then().statusCode(200);
    String types = Node.param(RepeatedUInt64.newBuilder().addNumbers(5).build());
    var first = given().queryParam("system", Node.param(alice.system())).queryParam("event_types", types).get("/query_latest");
    String etag = first.then().statusCode(200).extract().header("ETag");
    assertThat(etag).startsWith("\"").endsWith("\"");
    given().queryParam("system", Node.param(alice.system())).queryParam("event_types", types).header("If-None-Match", etag)
        .get("/query_latest").then().statusCode(304).header("ETag", etag).header("Cache-Control", "public, s-maxage=3600, max-age=5");
    Node.post(alice.author.username("alice2")).then().statusCode(200);
    String changed = given().queryParam("system", Node.param(alice.system())).queryParam("event_types", types).header("If-None-Match", etag)
        .get("/query_latest").then().statusCode(200).extract().header("ETag");
    assertThat(changed).isNotEqualTo(etag);
  }

  @Test void eachRouteSendsTheCacheControlOfTheProtocolDoc() {
    Identity alice = Identity.create();
    Node.post(alice.author.post("hello")).then().statusCode(200);
    String system = Node.param(alice.system());
    Map<String, String> expected = Map.of(
        "/ranges?system=" + system, "no-cache",
        "/events?system=" + system + "&ranges=", "public, s-maxage=3600, max-age=5",
        "/head?system=" + system, "public, s-maxage=3600, max-age=5",
        "/query_latest?system=" + system + "&event_types=", "public, s-maxage=3600, max-age=5",
        "/query_index?system=" + system + "&content_type=3", "public, s-maxage=3600, max-age=5",
        "/explore", "public, s-maxage=5, max-age=5",
        "/recommended_profiles", "public, s-maxage=5, max-age=5",
        "/top_string_references", "public, s-maxage=60, max-age=60",
        "/challenge", "no-cache");
    expected.forEach((url, cacheControl) -> given().urlEncodingEnabled(false).get(url).then().statusCode(200)
        .header("Cache-Control", equalTo(cacheControl)));
    given().queryParam("search", "hello").get("/search").then().statusCode(200).header("Cache-Control", nullValue());
    given().get("/version").then().statusCode(200).header("Cache-Control", nullValue());
  }

  @Test void unknownRoutesAre404WithTheBody404() {
    given().get("/no_such_route").then().statusCode(404).body(equalTo("404"));
  }

  @Test void aMissingOrBadParameterIs400NamingIt() {
    given().get("/ranges").then().statusCode(400).body("code", equalTo("INVALID_PARAMETER")).body("message", equalTo(
        "query parameter 'system': missing"));
    given().queryParam("system", "!!").get("/head").then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
  }
}
