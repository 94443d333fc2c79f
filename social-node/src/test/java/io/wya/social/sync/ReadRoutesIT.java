package io.wya.social.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.quarkus.test.junit.QuarkusTest;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.EventAuthor;
import io.wya.polycentric.EventDraft;
import io.wya.polycentric.Opinion;
import io.wya.polycentric.ProcessState;
import io.wya.polycentric.Reference;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.proto.Event;
import io.wya.polycentric.proto.Events;
import io.wya.polycentric.proto.Post;
import io.wya.polycentric.proto.QueryIndexResponse;
import io.wya.polycentric.proto.QueryReferencesRequest;
import io.wya.polycentric.proto.QueryReferencesRequestCountLWWElementReferences;
import io.wya.polycentric.proto.QueryReferencesRequestCountReferences;
import io.wya.polycentric.proto.QueryReferencesRequestEvents;
import io.wya.polycentric.proto.QueryReferencesResponse;
import io.wya.polycentric.proto.ResultEventsAndRelatedEventsAndCursor;
import io.wya.polycentric.proto.SignedEvent;
import io.wya.social.support.Identity;
import io.wya.social.support.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/// The read routes clients sync and render from.
@QuarkusTest
class ReadRoutesIT {

  @Test void queryIndexIsNewestFirstAndProvesTheOtherProcesses() throws Exception {
    Identity phone = Identity.create();
    Identity laptop = phone.secondProcess();
    List<VerifiedEvent> posts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      posts.add(phone.author.post("phone " + i));
      posts.add(laptop.author.post("laptop " + i));
    }
    Node.post(posts).then().statusCode(200);
    QueryIndexResponse page = QueryIndexResponse.parseFrom(given().queryParam("system", Node.param(phone.system()))
        .queryParam("content_type", 3).queryParam("limit", 2).get("/query_index").then().statusCode(200).extract().asByteArray());
    List<Event> events = parse(page.getEventsList());
    assertThat(events).hasSize(2);
    assertThat(events).isSortedAccordingTo(Comparator.comparingLong(Event::getUnixMilliseconds).reversed());
    assertThat(events.getFirst().getUnixMilliseconds()).isEqualTo(posts.getLast().unixMilliseconds().getAsLong());
    assertThat(page.getProofList()).isNotEmpty();
    QueryIndexResponse older = QueryIndexResponse.parseFrom(given().queryParam("system", Node.param(phone.system()))
        .queryParam("content_type", 3).queryParam("after", events.getLast().getUnixMilliseconds()).queryParam("limit", 10)
        .get("/query_index").then().statusCode(200).extract().asByteArray());
    assertThat(older.getEventsCount()).isEqualTo(4);
  }

  @Test void opinionCountsFollowTheLatestVoteOfEachSystem() throws Exception {
    Identity author = Identity.create();
    VerifiedEvent post = author.author.post("vote on me");
    Node.post(post).then().statusCode(200);
    Reference subject = Reference.to(post.pointer());
    Identity a = Identity.create(), b = Identity.create();
    assertThat(votes(subject)).containsExactly(0L, 0L, 0L);
    Node.post(a.author.opinion(subject, Opinion.LIKE)).then().statusCode(200);
    assertThat(votes(subject)).containsExactly(1L, 0L, 0L);
    Node.post(b.author.opinion(subject, Opinion.LIKE)).then().statusCode(200);
    assertThat(votes(subject)).containsExactly(2L, 0L, 0L);
    Node.post(b.author.opinion(subject, Opinion.DISLIKE)).then().statusCode(200);
    assertThat(votes(subject)).containsExactly(1L, 1L, 0L);
    Node.post(a.author.opinion(subject, Opinion.NEUTRAL), b.author.opinion(subject, Opinion.NEUTRAL)).then().statusCode(200);
    assertThat(votes(subject)).containsExactly(0L, 0L, 0L);
    Node.post(a.author.post("a reply", List.of(subject))).then().statusCode(200);
    assertThat(votes(subject)).containsExactly(0L, 0L, 1L);
  }

  @Test void queryReferencesPagesByTwentyWithACursor() throws Exception {
    Identity author = Identity.create();
    VerifiedEvent post = author.author.post("a popular post");
    Node.post(post).then().statusCode(200);
    Reference subject = Reference.to(post.pointer());
    Identity replier = Identity.create();
    List<VerifiedEvent> replies = new ArrayList<>();
    for (int i = 0; i < 25; i++) replies.add(replier.author.post("reply " + i, List.of(subject)));
    Node.post(replies.subList(0, 20)).then().statusCode(200);
    Node.post(replies.subList(20, 25)).then().statusCode(200);
    QueryReferencesRequest request = QueryReferencesRequest.newBuilder().setReference(subject.toProto())
        .setRequestEvents(QueryReferencesRequestEvents.newBuilder().setFromType(3)
            .addCountLwwElementReferences(QueryReferencesRequestCountLWWElementReferences.newBuilder().setValue(Opinion.LIKE.value())))
        .build();
    QueryReferencesResponse first = references(request);
    assertThat(first.getItemsCount()).isEqualTo(20);
    assertThat(first.hasCursor()).isTrue();
    assertThat(first.getItems(0).getCountsList()).containsExactly(0L);
    QueryReferencesResponse second = references(request.toBuilder().setCursor(first.getCursor()).build());
    assertThat(second.getItemsCount()).isEqualTo(5);
    assertThat(second.hasCursor()).isFalse();
    given().queryParam("query", Node.param(request.toBuilder().setCursor(ByteString.copyFrom(new byte[3])).build()))
        .get("/query_references").then().statusCode(400);
    given().queryParam("query", Node.param(request.toBuilder().setReference(Reference.to(author.system()).toProto()).build()))
        .get("/query_references").then().statusCode(400);
  }

  @Test void explorePagesThroughPostsOfEverySystemNewestFirst() throws Exception {
    Identity a = Identity.create();
    Node.post(a.author.post("explore 1"), a.author.post("explore 2"), a.author.post("explore 3")).then().statusCode(200);
    var first = ResultEventsAndRelatedEventsAndCursor.parseFrom(given().queryParam("limit", 2).get("/explore").then().statusCode(200)
        .extract().asByteArray());
    assertThat(first.getResultEvents().getEventsCount()).isEqualTo(2);
    assertThat(first.hasCursor()).isTrue();
    var next = ResultEventsAndRelatedEventsAndCursor.parseFrom(given().queryParam("limit", 2)
        .queryParam("cursor", Base64Url.encode(first.getCursor().toByteArray())).get("/explore").then().statusCode(200).extract().asByteArray());
    assertThat(parse(next.getResultEvents().getEventsList()).getFirst().getUnixMilliseconds())
        .isLessThan(parse(first.getResultEvents().getEventsList()).getLast().getUnixMilliseconds());
  }

  @Test void exploreWalksFromEveryKindOfCursorToTheEndWithPostsWithoutATimeLast() throws Exception {
    Identity a = Identity.create();
    Identity device = a.secondProcess();
    ProcessState[] untimed = {ProcessState.INITIAL};
    Node.post(a.author.post("walk timed 1"), a.author.post("walk timed 2"), a.author.post("walk timed 3"),
        postWithoutTime(device, untimed, "walk untimed 1"), postWithoutTime(device, untimed, "walk untimed 2")).then().statusCode(200);
    List<Event> walked = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 10_000; pages++) {
      var request = given().queryParam("limit", 3);
      if (cursor != null) request = request.queryParam("cursor", cursor);
      var page = ResultEventsAndRelatedEventsAndCursor.parseFrom(request.get("/explore").then().statusCode(200).extract().asByteArray());
      walked.addAll(parse(page.getResultEvents().getEventsList()));
      if (page.getResultEvents().getEventsCount() == 0 || !page.hasCursor()) break;
      cursor = Base64Url.encode(page.getCursor().toByteArray());
    }
    assertThat(new HashSet<>(walked)).as("no post twice").hasSize(walked.size());
    List<String> mine = walked.stream().filter(e -> e.getSystem().getKey().equals(a.system().key())).map(e -> {
      try {
        return Post.parseFrom(e.getContent()).getContent();
      } catch (Exception x) {
        throw new AssertionError(x);
      }
    }).toList();
    assertThat(mine).containsExactly("walk timed 3", "walk timed 2", "walk timed 1", "walk untimed 2", "walk untimed 1");
  }

  /// A post with no `unix_milliseconds`, which upstream accepts and `/explore` lists after the timed ones.
  private static VerifiedEvent postWithoutTime(Identity who, ProcessState[] state, String text) {
    ProcessState next = state[0].published(ContentType.POST);
    EventDraft draft = new EventDraft(who.system(), who.author.process(), next.logicalClock(), ContentType.POST,
        Post.newBuilder().setContent(text).build().toByteString(), state[0].vectorClock(), state[0].latestByType(), Optional.empty(),
        Optional.empty(), List.of(), OptionalLong.empty());
    state[0] = next;
    return EventAuthor.sign(who.key, draft);
  }

  @Test void searchFindsPostsFuzzilyAndOnlyCurrentProfileNames() throws Exception {
    Identity a = Identity.create();
    Node.post(a.author.post("Walking along the Manayunk canal today"), a.author.username("Oldname Zyxwv"),
        a.author.username("Pennsylvania Quixotic"), a.author.description("Breaking Alerts for the valley")).then().statusCode(200);
    assertThat(search("Manayunk", "messages")).hasSize(1);
    assertThat(search("Manayunc", "messages")).as("fuzzy").hasSize(1);
    assertThat(search("Pennsylvania Quixotic", "profiles")).hasSize(1);
    assertThat(search("Zyxwv", "profiles")).isEmpty();
    assertThat(search("Alerts", "profiles")).hasSize(1);
    given().queryParam("search", "x").queryParam("cursor", "AAA").get("/search").then().statusCode(400);
  }

  @Test void topStringReferencesCountBytesSubjectsOfPosts() throws Exception {
    Identity a = Identity.create();
    Reference topic = Reference.toBytes(ByteString.copyFromUtf8("https://video.example/" + a.hashCode()));
    Node.post(a.author.post("one", List.of(topic)), a.author.post("two", List.of(topic))).then().statusCode(200);
    var top = io.wya.polycentric.proto.ResultTopStringReferences.parseFrom(given().queryParam("query", "video.example/" + a.hashCode())
        .get("/top_string_references").then().statusCode(200).extract().asByteArray());
    assertThat(top.getBucketsList()).singleElement().satisfies(bucket -> {
      assertThat(bucket.getKey()).isEqualTo(topic.encoded());
      assertThat(bucket.getValue()).isEqualTo(2);
    });
  }

  @Test void recommendedProfilesNameRecentlyActiveSystems() throws Exception {
    Identity a = Identity.create();
    Node.post(a.author.post("I am active")).then().statusCode(200);
    var systems = io.wya.polycentric.proto.PublicKeys.parseFrom(given().get("/recommended_profiles").then().statusCode(200).extract().asByteArray());
    assertThat(systems.getSystemsList()).hasSizeLessThanOrEqualTo(10).contains(a.system().toProto());
  }

  @Test void headReturnsEachProcessesLatestEvent() throws Exception {
    Identity phone = Identity.create();
    Identity laptop = phone.secondProcess();
    Node.post(phone.author.post("p1"), phone.author.post("p2"), laptop.author.username("me")).then().statusCode(200);
    Events head = Events.parseFrom(given().queryParam("system", Node.param(phone.system())).get("/head").then().statusCode(200)
        .extract().asByteArray());
    assertThat(parse(head.getEventsList())).extracting(Event::getLogicalClock).containsExactlyInAnyOrder(2L, 1L);
  }

  private static List<Long> votes(Reference subject) throws Exception {
    QueryReferencesRequest request = QueryReferencesRequest.newBuilder().setReference(subject.toProto())
        .addCountLwwElementReferences(QueryReferencesRequestCountLWWElementReferences.newBuilder().setValue(Opinion.LIKE.value()).setFromType(14))
        .addCountLwwElementReferences(QueryReferencesRequestCountLWWElementReferences.newBuilder().setValue(Opinion.DISLIKE.value()).setFromType(14))
        .addCountReferences(QueryReferencesRequestCountReferences.newBuilder().setFromType(3)).build();
    return references(request).getCountsList();
  }

  private static QueryReferencesResponse references(QueryReferencesRequest request) throws Exception {
    return QueryReferencesResponse.parseFrom(given().queryParam("query", Node.param(request)).get("/query_references").then().statusCode(200)
        .extract().asByteArray());
  }

  private static List<Event> search(String text, String type) throws Exception {
    var result = ResultEventsAndRelatedEventsAndCursor.parseFrom(given().queryParam("search", text).queryParam("search_type", type)
        .get("/search").then().statusCode(200).extract().asByteArray());
    assertThat(result.hasCursor()).isTrue();
    return parse(result.getResultEvents().getEventsList());
  }

  static List<Event> parse(List<SignedEvent> events) {
    return events.stream().map(e -> {
      try {
        return Event.parseFrom(e.getEvent());
      } catch (Exception x) {
        throw new AssertionError(x);
      }
    }).toList();
  }
}
