package io.wya.social.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wya.social.config.SocialConfig;
import io.wya.social.ingest.AcceptedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/// The fuzzy-search vocabulary's ingest side (ADR 0108): message search widens each query word with
/// the similar words of `search_words`, and the ingest transaction adds the words of new posts to
/// it. Only words this node does not know to be there already are sent ([KnownWords]), so a post
/// of common words adds no database work; the insert is sorted and `on conflict do nothing`, after
/// the events in the same statement, so concurrent transactions adding the same new words wait
/// for each other in one order and cannot deadlock.
@ApplicationScoped
public class SearchVocabulary {
  private final VocabularyWords words;
  private final KnownWords known;
  private final Counter sent;

  @Inject
  public SearchVocabulary(SocialConfig config, MeterRegistry metrics) {
    this(new VocabularyWords(config.search().maxFuzzyWordLength()), new KnownWords(config.search().knownWords()),
        Counter.builder("social.search.vocabulary.sent").description("words the ingest sent to the fuzzy-search vocabulary").register(metrics));
  }

  SearchVocabulary(VocabularyWords words, KnownWords known, Counter sent) {
    this.words = words;
    this.known = known;
    this.sent = sent;
  }

  /// The vocabulary words of these events' posts not known to be stored yet, sorted and distinct.
  public List<String> wordsToAdd(List<AcceptedEvent> events) {
    Set<String> candidates = new TreeSet<>();
    for (AcceptedEvent e : events) {
      e.searchText().filter(text -> text.kind().equals(AcceptedEvent.SearchText.MESSAGE)).ifPresent(text -> words.collect(text.body(), candidates));
    }
    return known.unknown(candidates);
  }

  /// The transaction that inserted `added` committed: they are in the vocabulary now.
  public void committed(List<String> added) {
    if (added.isEmpty()) return;
    known.rememberAll(added);
    sent.increment(added.size());
  }
}
