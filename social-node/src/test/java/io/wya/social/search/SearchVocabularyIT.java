package io.wya.social.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.proto.Event;
import io.wya.polycentric.proto.ResultEventsAndRelatedEventsAndCursor;
import io.wya.social.support.Identity;
import io.wya.social.support.Node;
import io.wya.social.support.SocialNodeResource;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Message search through the word vocabulary (ADR 0108): the ingest adds the words of a new post in
/// its own transaction, so exact and misspelt words find it as soon as it is stored.
@QuarkusTest
class SearchVocabularyIT {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test void anExactAndAMisspeltWordOfANewPostFindItAtOnce() throws Exception {
    Identity a = Identity.create();
    String word = randomWord(10);
    VerifiedEvent post = a.author.post("Spotted a " + word + " near the river");
    Node.post(post).then().statusCode(200);

    assertThat(search(word)).containsExactly(post.logicalClock());
    assertThat(search(misspelt(word))).containsExactly(post.logicalClock());
    assertThat(search(misspelt(word).toUpperCase())).as("query words are normalized like documents").containsExactly(post.logicalClock());
  }

  @Test void everyWordOfAQueryMustMatchExactlyOrFuzzily() throws Exception {
    Identity a = Identity.create();
    String first = randomWord(9), second = randomWord(8);
    VerifiedEvent post = a.author.post(first + " and " + second);
    Node.post(post, a.author.post(first + " alone")).then().statusCode(200);

    assertThat(search(misspelt(first) + " " + second)).containsExactly(post.logicalClock());
    assertThat(search(first + " " + misspelt(second))).containsExactly(post.logicalClock());
    assertThat(search(misspelt(first) + " " + randomWord(8))).as("an unrelated word").isEmpty();
  }

  @Test void aQueryWordIsWidenedWithAtMostTheMostSimilarWordsOfTheLimit() throws Exception {
    Identity a = Identity.create();
    String stem = randomWord(9);
    List<VerifiedEvent> posts = new ArrayList<>();
    for (int i = 0; i <= SocialNodeResource.MAX_SIMILAR_WORDS; i++) posts.add(a.author.post("Variant " + stem + (char) ('a' + i)));
    Node.post(posts).then().statusCode(200);

    List<Long> expected = new ArrayList<>();
    for (VerifiedEvent post : posts.subList(0, SocialNodeResource.MAX_SIMILAR_WORDS)) expected.add(post.logicalClock());
    assertThat(search(stem + "z")).as("equally similar words, the first in order").containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test void theWordsOfANewPostAreInTheVocabularyAndADeletedPostIsNotFoundAnyMore() throws Exception {
    Identity a = Identity.create();
    String word = randomWord(11);
    VerifiedEvent post = a.author.post("Deleting " + word + " soon");
    Node.post(post).then().statusCode(200);
    assertThat(inVocabulary(word)).isTrue();
    assertThat(inVocabulary("deleting")).as("lower-cased like the documents' lexemes").isTrue();
    assertThat(search(misspelt(word))).containsExactly(post.logicalClock());

    Node.post(a.author.delete(post)).then().statusCode(200);
    assertThat(search(misspelt(word))).isEmpty();
    assertThat(search(word)).isEmpty();
    assertThat(inVocabulary(word)).as("harmless: the vocabulary only widens queries").isTrue();
  }

  @Test void aWordLongerThanTheFuzzyLimitIsFoundOnlyExactly() throws Exception {
    Identity a = Identity.create();
    String longWord = randomWord(33), word = randomWord(32);
    VerifiedEvent post = a.author.post(longWord + " " + word);
    Node.post(post).then().statusCode(200);

    assertThat(inVocabulary(longWord)).isFalse();
    assertThat(inVocabulary(word)).as("social.search.max-fuzzy-word-length is 32").isTrue();
    assertThat(search(longWord)).containsExactly(post.logicalClock());
    assertThat(search(misspelt(longWord))).isEmpty();
    assertThat(search(misspelt(word))).containsExactly(post.logicalClock());
  }

  @Test void numbersAndAddressesAreFoundOnlyExactly() throws Exception {
    Identity a = Identity.create();
    String number = Long.toString(10_000_000L + RANDOM.nextInt(80_000_000)), host = randomWord(9) + ".example";
    VerifiedEvent post = a.author.post("Order " + number + " from " + host);
    Node.post(post).then().statusCode(200);

    assertThat(inVocabulary(number)).isFalse();
    assertThat(inVocabulary(host)).isFalse();
    assertThat(search(number)).containsExactly(post.logicalClock());
    assertThat(search(host)).containsExactly(post.logicalClock());
    String nextNumber = Long.toString(Long.parseLong(number) + 1);
    assertThat(search(nextNumber)).as("a different number is not a misspelling").isEmpty();
  }

  @Test void concurrentPostsBringingTheSameNewWordsInAnyOrderAreAllStoredWithTheirWords() throws Exception {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 12; i++) words.add(randomWord(10));
    List<java.util.concurrent.Callable<Integer>> posts = new ArrayList<>();
    List<Identity> authors = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      List<String> shuffled = new ArrayList<>(words);
      java.util.Collections.shuffle(shuffled, new java.util.Random(i));
      Identity author = Identity.create();
      authors.add(author);
      VerifiedEvent post = author.author.post(String.join(" ", shuffled));
      posts.add(() -> Node.post(post).statusCode());
    }
    var clients = java.util.concurrent.Executors.newFixedThreadPool(posts.size());
    try {
      for (var status : clients.invokeAll(posts)) assertThat(status.get()).isEqualTo(200);
    } finally {
      clients.shutdown();
    }
    for (String word : words) assertThat(inVocabulary(word)).as(word).isTrue();
    assertThat(search(misspelt(words.getFirst()))).hasSize(authors.size());
  }

  private static boolean inVocabulary(String word) throws SQLException {
    try (Connection conn = connect(); var query = conn.prepareStatement("select 1 from search_words where word = ?")) {
      query.setString(1, word);
      return query.executeQuery().next();
    }
  }

  private static Connection connect() throws SQLException {
    var db = SocialNodeResource.database();
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  /// The logical clocks of the posts `/search` finds for `text`.
  private static List<Long> search(String text) throws Exception {
    var result = ResultEventsAndRelatedEventsAndCursor.parseFrom(given().queryParam("search", text).queryParam("search_type", "messages")
        .get("/search").then().statusCode(200).extract().asByteArray());
    List<Long> clocks = new ArrayList<>();
    for (var signed : result.getResultEvents().getEventsList()) clocks.add(Event.parseFrom(signed.getEvent()).getLogicalClock());
    return clocks;
  }

  /// Lowercase letters only, so the word is one lexeme; random, so no other test's word is similar.
  private static String randomWord(int length) {
    StringBuilder word = new StringBuilder(length);
    for (int i = 0; i < length; i++) word.append((char) ('a' + RANDOM.nextInt(26)));
    return word.toString();
  }

  /// The word with its last letter changed: similarity about 0.6 for 8 letters and more.
  private static String misspelt(String word) {
    char last = word.charAt(word.length() - 1);
    return word.substring(0, word.length() - 1) + (char) (last == 'z' ? 'a' : last + 1);
  }
}
