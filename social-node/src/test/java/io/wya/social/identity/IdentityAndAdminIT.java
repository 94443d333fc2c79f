package io.wya.social.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.google.protobuf.ByteString;
import io.quarkus.test.junit.QuarkusTest;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.proto.ClaimFieldEntry;
import io.wya.polycentric.proto.ClaimHandleRequest;
import io.wya.polycentric.proto.FindClaimAndVouchRequest;
import io.wya.polycentric.proto.FindClaimAndVouchResponse;
import io.wya.polycentric.proto.HarborChallengeResponse;
import io.wya.polycentric.proto.HarborChallengeResponseBody;
import io.wya.polycentric.proto.HarborValidateRequest;
import io.wya.polycentric.proto.PublicKey;
import io.wya.polycentric.proto.QueryClaimToSystemRequest;
import io.wya.polycentric.proto.QueryClaimToSystemResponse;
import io.wya.polycentric.proto.QueryIndexResponse;
import io.wya.polycentric.proto.URLInfo;
import io.wya.polycentric.proto.URLInfoEventLink;
import io.wya.polycentric.proto.URLInfoSystemLink;
import io.wya.social.support.Identity;
import io.wya.social.support.Node;
import io.wya.social.support.SocialNodeResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// Claims and vouches, handles, purge challenges and censorship.
@QuarkusTest
class IdentityAndAdminIT {
  @Test void aVouchedClaimResolvesByAnyFieldAndByAllFields() throws Exception {
    Identity claimer = Identity.create(), voucher = Identity.create();
    VerifiedEvent claim = claimer.author.claim(10, Map.of(0L, "octocat-" + claimer.hashCode()));
    Node.post(claim).then().statusCode(200);
    Node.post(voucher.author.vouch(claim.pointer())).then().statusCode(200);
    String handle = "octocat-" + claimer.hashCode();
    QueryClaimToSystemResponse any = QueryClaimToSystemResponse.parseFrom(given().queryParam("query", Node.param(
            QueryClaimToSystemRequest.newBuilder().setClaimType(10).setTrustRoot(voucher.system().toProto()).setMatchAnyField(handle).build()))
        .get("/resolve_claim").then().statusCode(200).extract().asByteArray());
    assertThat(any.getMatchesList()).singleElement().satisfies(m -> {
      assertThat(m.getClaim().getEvent()).isEqualTo(claim.rawEvent());
      assertThat(m.getProofChainCount()).isEqualTo(1);
    });
    FindClaimAndVouchRequest find = FindClaimAndVouchRequest.newBuilder().setVouchingSystem(voucher.system().toProto())
        .setClaimingSystem(claimer.system().toProto()).setClaimType(10)
        .addFields(ClaimFieldEntry.newBuilder().setKey(0).setValue(handle)).build();
    FindClaimAndVouchResponse pair = FindClaimAndVouchResponse.parseFrom(given().queryParam("query", Node.param(find))
        .get("/find_claim_and_vouch").then().statusCode(200).header("Cache-Control", "no-cache").extract().asByteArray());
    assertThat(pair.getClaim().getEvent()).isEqualTo(claim.rawEvent());
    given().queryParam("query", Node.param(find.toBuilder().setClaimType(11).build())).get("/find_claim_and_vouch")
        .then().statusCode(404).body(equalTo("pair not found"));
  }

  @Test void handlesResolveAndAreNotTakenFromAnotherSystem() throws Exception {
    Identity a = Identity.create(), b = Identity.create();
    String handle = "h_" + Integer.toHexString(a.hashCode());
    claim(a, handle).then().statusCode(200);
    assertThat(PublicKey.parseFrom(given().queryParam("handle", handle).get("/resolve_handle").then().statusCode(200).extract().asByteArray()))
        .isEqualTo(a.system().toProto());
    claim(b, handle).then().statusCode(409).body("code", equalTo("HANDLE_TAKEN"));
    claim(a, handle).then().statusCode(200);
    claim(a, "bad handle!").then().statusCode(400).body("code", equalTo("INVALID_HANDLE"));
    claim(a, "x".repeat(65)).then().statusCode(400);
    given().queryParam("handle", "nobody-has-this").get("/resolve_handle").then().statusCode(404);
  }

  @Test void aSignedChallengePurgesTheSystemAndAForgedOneDoesNot() throws Exception {
    Identity a = Identity.create();
    Node.post(a.author.post("soon gone")).then().statusCode(200);
    HarborChallengeResponse challenge = HarborChallengeResponse.parseFrom(given().get("/challenge").then().statusCode(200).extract().asByteArray());
    ByteString bytes = HarborChallengeResponseBody.parseFrom(challenge.getBody()).getChallenge();
    HarborValidateRequest purge = HarborValidateRequest.newBuilder().setChallenge(challenge).setSystem(a.system().toProto())
        .setSignature(a.key.sign(bytes.toByteArray())).build();
    given().body(purge.toBuilder().setChallenge(challenge.toBuilder().setHmac(ByteString.copyFrom(new byte[32]))).build().toByteArray())
        .post("/purge").then().statusCode(401);
    given().body(purge.toBuilder().setSignature(ByteString.copyFrom(new byte[64])).build().toByteArray()).post("/purge").then().statusCode(400);
    assertThat(Node.ranges(a.system()).getRangesForProcessesCount()).isEqualTo(1);
    given().body(purge.toByteArray()).post("/purge").then().statusCode(200);
    assertThat(Node.ranges(a.system()).getRangesForProcessesList()).isEmpty();
  }

  @Test void censoredSystemsAndEventsDisappearFromReads() throws Exception {
    Identity a = Identity.create(), b = Identity.create();
    VerifiedEvent hidden = b.author.post("censor this event");
    Node.post(a.author.post("censor this system"), hidden, b.author.post("keep this one")).then().statusCode(200);
    assertThat(index(a)).isEqualTo(1);
    assertThat(index(b)).isEqualTo(2);
    URLInfo system = URLInfo.newBuilder().setUrlType(1)
        .setBody(URLInfoSystemLink.newBuilder().setSystem(a.system().toProto()).build().toByteString()).build();
    URLInfo event = URLInfo.newBuilder().setUrlType(2).setBody(URLInfoEventLink.newBuilder().setSystem(b.system().toProto())
        .setProcess(hidden.process().toProto()).setLogicalClock(hidden.logicalClock()).build().toByteString()).build();
    censor("wrong", system).then().statusCode(401);
    censor(SocialNodeResource.ADMIN_TOKEN, system).then().statusCode(200);
    censor(SocialNodeResource.ADMIN_TOKEN, event).then().statusCode(200);
    assertThat(index(a)).isZero();
    assertThat(index(b)).isEqualTo(1);
    given().header("authorization", SocialNodeResource.ADMIN_TOKEN).queryParam("censorship_type", "do_not_recommend")
        .body("https://polycentric.example/feed/" + Base64Url.encode(URLInfo.newBuilder().setUrlType(3).build().toByteArray()))
        .post("/censor").then().statusCode(400);
  }

  @Test void aSecondCensorChangesTheTypeAndRefuseStorageKeepsNewEventsOut() throws Exception {
    Identity a = Identity.create();
    VerifiedEvent before = a.author.post("stored before the censor");
    Node.post(before).then().statusCode(200);
    URLInfo system = URLInfo.newBuilder().setUrlType(1)
        .setBody(URLInfoSystemLink.newBuilder().setSystem(a.system().toProto()).build().toByteString()).build();
    censor(SocialNodeResource.ADMIN_TOKEN, system, "do_not_recommend").then().statusCode(200);
    censor(SocialNodeResource.ADMIN_TOKEN, system, "refuse_storage").then().statusCode(200);

    VerifiedEvent after = a.author.post("refused after the censor");
    Node.post(after).then().statusCode(200);

    var db = SocialNodeResource.database();
    try (var conn = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      var type = conn.prepareStatement("select censorship_type from censored_systems where system = ?");
      type.setBytes(1, a.system().key().toByteArray());
      var rows = type.executeQuery();
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("refuse_storage");
      var stored = conn.prepareStatement("select logical_clock from events where system = ? order by logical_clock");
      stored.setBytes(1, a.system().key().toByteArray());
      var clocks = new java.util.ArrayList<Long>();
      for (var r = stored.executeQuery(); r.next(); ) clocks.add(r.getLong(1));
      assertThat(clocks).containsExactly(before.logicalClock());
    }
  }

  private static io.restassured.response.Response claim(Identity who, String handle) {
    return given().body(ClaimHandleRequest.newBuilder().setSystem(who.system().toProto()).setHandle(handle).build().toByteArray())
        .post("/claim_handle");
  }

  private static io.restassured.response.Response censor(String token, URLInfo link) { return censor(token, link, "do_not_recommend"); }

  private static io.restassured.response.Response censor(String token, URLInfo link, String type) {
    return given().header("authorization", token).queryParam("censorship_type", type)
        .body("https://polycentric.example/user/" + Base64Url.encode(link.toByteArray())).post("/censor");
  }

  private static int index(Identity who) throws Exception {
    return QueryIndexResponse.parseFrom(given().queryParam("system", Node.param(who.system())).queryParam("content_type", 3)
        .get("/query_index").then().statusCode(200).extract().asByteArray()).getEventsCount();
  }
}
