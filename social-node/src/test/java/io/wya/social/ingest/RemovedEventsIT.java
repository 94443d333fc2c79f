package io.wya.social.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.Opinion;
import io.wya.polycentric.Reference;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.proto.HarborChallengeResponse;
import io.wya.polycentric.proto.HarborChallengeResponseBody;
import io.wya.polycentric.proto.HarborValidateRequest;
import io.wya.social.support.Identity;
import io.wya.social.support.Node;
import io.wya.social.support.SocialNodeResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// What goes with an event when it is removed (ADR 0111): a DELETE's target and a purged system's
/// events leave no search document, reference, claim, LWW element or held deletion behind, and
/// nothing of other events goes with them.
@QuarkusTest
class RemovedEventsIT {
  /// Rows of the side tables whose event is gone, over the whole database.
  private static final String ORPHANS = """
      select (select count(*) from search_documents d where not exists (select 1 from events e where e.id = d.event_id))
           + (select count(*) from event_references r where not exists (select 1 from events e where e.id = r.event_id))
           + (select count(*) from claims c where not exists (select 1 from events e where e.id = c.event_id))
           + (select count(*) from lww_latest l where not exists (select 1 from events e where e.id = l.event_id))
           + (select count(*) from deletions d where not exists (select 1 from events e where e.id = d.delete_event_id))""";
  /// Side rows of one system's events, by table (event_references has no system column; a post's
  /// document is a column of its event, ADR 0117).
  private static final String ROWS_OF_SYSTEM = """
      select (select count(*) from search_documents where system = ?)
           + (select count(*) from events where system = ? and post_document is not null) as search,
             (select count(*) from event_references r join events e on e.id = r.event_id where e.system = ?) as refs,
             (select count(*) from claims where system = ?) as claims,
             (select count(*) from lww_latest where system = ?) as lww,
             (select count(*) from deletions where system = ?) as deletions""";

  @Test void aDeletedEventTakesItsSearchDocumentReferencesAndClaimWithItAndAnOpinionPassesToTheNewerOne() throws Exception {
    Identity a = Identity.create(), b = Identity.create();
    VerifiedEvent target = b.author.post("something to reply to");
    VerifiedEvent reply = a.author.post("a reply with searchable words", List.of(Reference.to(target.pointer())));
    VerifiedEvent like = a.author.opinion(Reference.to(target.pointer()), Opinion.LIKE);
    VerifiedEvent claim = a.author.claim(1, Map.of(0L, "someone-" + a.hashCode()));
    VerifiedEvent oldName = a.author.username("old name");
    Node.post(target, reply, like, claim, oldName).then().statusCode(200);
    assertThat(rowsOf(a)).isEqualTo(Map.of("search", 2L, "refs", 2L, "claims", 1L, "lww", 1L, "deletions", 0L));
    assertThat(latestOpinionEvent(a)).isEqualTo(eventId(like));

    // The like's LWW row is updated to the dislike by this statement and must stay.
    VerifiedEvent dislike = a.author.opinion(Reference.to(target.pointer()), Opinion.DISLIKE);
    Node.post(a.author.delete(reply), a.author.delete(like), a.author.delete(claim), a.author.delete(oldName),
        a.author.username("new name"), dislike).then().statusCode(200);

    // Left: the new name's search document, the dislike's reference and LWW element, four held coordinates.
    assertThat(rowsOf(a)).isEqualTo(Map.of("search", 1L, "refs", 1L, "claims", 0L, "lww", 1L, "deletions", 4L));
    assertThat(latestOpinionEvent(a)).isEqualTo(eventId(dislike));
    assertThat(orphans()).isZero();
    assertThat(rowsOf(b).get("search")).isEqualTo(1L);
  }

  @Test void aPurgedSystemLeavesNoRowsAndOtherSystemsKeepTheirs() throws Exception {
    Identity a = Identity.create(), b = Identity.create();
    VerifiedEvent target = b.author.post("stays after the purge of another system");
    VerifiedEvent post = a.author.post("a post about to be purged");
    Node.post(target, post, a.author.post("a reply", List.of(Reference.to(target.pointer()))),
        a.author.opinion(Reference.to(target.pointer()), Opinion.LIKE), a.author.claim(1, Map.of(0L, "purged-" + a.hashCode())),
        a.author.username("soon nobody"), a.author.delete(post), b.author.opinion(Reference.to(target.pointer()), Opinion.LIKE))
        .then().statusCode(200);
    assertThat(rowsOf(a)).isEqualTo(Map.of("search", 2L, "refs", 2L, "claims", 1L, "lww", 1L, "deletions", 1L));
    Map<String, Long> before = rowsOf(b);

    purge(a);

    assertThat(rowsOf(a)).isEqualTo(Map.of("search", 0L, "refs", 0L, "claims", 0L, "lww", 0L, "deletions", 0L));
    assertThat(rowsOf(b)).isEqualTo(before);
    assertThat(orphans()).isZero();
  }

  private static void purge(Identity who) throws Exception {
    HarborChallengeResponse challenge = HarborChallengeResponse.parseFrom(given().get("/challenge").then().statusCode(200).extract().asByteArray());
    byte[] bytes = HarborChallengeResponseBody.parseFrom(challenge.getBody()).getChallenge().toByteArray();
    given().body(HarborValidateRequest.newBuilder().setChallenge(challenge).setSystem(who.system().toProto())
        .setSignature(who.key.sign(bytes)).build().toByteArray()).post("/purge").then().statusCode(200);
  }

  private static Map<String, Long> rowsOf(Identity who) throws Exception {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(ROWS_OF_SYSTEM)) {
      for (int i = 1; i <= 6; i++) s.setBytes(i, who.system().key().toByteArray());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return Map.of("search", r.getLong("search"), "refs", r.getLong("refs"), "claims", r.getLong("claims"), "lww", r.getLong("lww"),
            "deletions", r.getLong("deletions"));
      }
    }
  }

  private static long latestOpinionEvent(Identity who) throws Exception {
    return single("select event_id from lww_latest where system = ? and content_type = " + ContentType.OPINION, who.system().key().toByteArray());
  }

  private static long eventId(VerifiedEvent e) throws Exception {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("select id from events where system = ? and process = ? and logical_clock = ?")) {
      s.setBytes(1, e.system().key().toByteArray());
      s.setBytes(2, e.process().id().toByteArray());
      s.setLong(3, e.logicalClock());
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as("event stored").isTrue();
        return r.getLong(1);
      }
    }
  }

  private static long orphans() throws Exception {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(ORPHANS); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  private static long single(String sql, byte[] key) throws Exception {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setBytes(1, key);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as(sql).isTrue();
        return r.getLong(1);
      }
    }
  }

  private static Connection connect() throws Exception {
    var db = SocialNodeResource.database();
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }
}
