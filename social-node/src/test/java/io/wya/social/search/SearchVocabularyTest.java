package io.wya.social.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wya.social.ingest.AcceptedEvent;
import io.wya.social.ingest.ContentRules;
import io.wya.social.support.Identity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchVocabularyTest {
  private final ContentRules rules = new ContentRules(10_000);
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final SearchVocabulary vocabulary = new SearchVocabulary(new VocabularyWords(32), new KnownWords(100), metrics.counter("sent"));

  @Test void onlyPostWordsNotYetCommittedAreSentAndOnceCommittedNotAgain() {
    Identity a = Identity.create();
    List<AcceptedEvent> batch = List.of(rules.accept(a.author.post("Canal walk")), rules.accept(a.author.username("Profilename")),
        rules.accept(a.author.post("walk the canal")));
    List<String> words = vocabulary.wordsToAdd(batch);
    assertThat(words).as("profile fields are matched by trigrams, not the vocabulary").containsExactly("canal", "the", "walk");

    assertThat(vocabulary.wordsToAdd(batch)).as("nothing committed yet: a failed transaction's words are sent again").isEqualTo(words);
    vocabulary.committed(words);
    assertThat(vocabulary.wordsToAdd(List.of(rules.accept(a.author.post("the canal at dusk"))))).containsExactly("at", "dusk");
    assertThat(metrics.counter("sent").count()).isEqualTo(3);
  }
}
