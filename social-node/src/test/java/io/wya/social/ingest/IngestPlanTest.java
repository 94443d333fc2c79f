package io.wya.social.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.polycentric.VerifiedEvent;
import io.wya.social.support.Identity;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestPlanTest {
  private final ContentRules rules = new ContentRules(10_000);

  @Test void theFirstOfTwoEventsWithTheSameKeyWins() {
    Identity a = Identity.create();
    VerifiedEvent first = a.author.post("first");
    VerifiedEvent other = new io.wya.polycentric.EventAuthor(a.key, first.process(), io.wya.polycentric.ProcessState.INITIAL,
        java.time.Clock.systemUTC()).post("same clock");
    assertThat(IngestPlan.of(List.of(rules.accept(first), rules.accept(other))).events()).extracting(AcceptedEvent::event).containsExactly(first);
  }

  @Test void anEventDeletedInTheSameBatchIsNotWrittenButTheDeleteIs() {
    Identity a = Identity.create();
    VerifiedEvent post = a.author.post("gone");
    VerifiedEvent kept = a.author.post("kept");
    VerifiedEvent delete = a.author.delete(post);
    assertThat(IngestPlan.of(List.of(rules.accept(post), rules.accept(kept), rules.accept(delete))).events())
        .extracting(AcceptedEvent::event).containsExactly(kept, delete);
  }

  @Test void aDeleteCannotReachAnotherSystemsEvent() {
    Identity a = Identity.create(), b = Identity.create();
    VerifiedEvent theirs = b.author.post("b's post");
    VerifiedEvent mine = a.author.post("a's post at the same coordinates?");
    VerifiedEvent delete = a.author.delete(mine);
    assertThat(IngestPlan.of(List.of(rules.accept(theirs), rules.accept(delete))).events()).extracting(AcceptedEvent::event)
        .containsExactly(theirs, delete);
  }
}
