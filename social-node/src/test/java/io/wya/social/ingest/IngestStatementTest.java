package io.wya.social.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.polycentric.Opinion;
import io.wya.polycentric.Reference;
import io.wya.polycentric.VerifiedEvent;
import io.wya.social.support.Identity;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/// The ingest statement has the CTEs of the side tables a batch writes, and its parameters match
/// its arguments (ADR 0113). That each shape is valid SQL that PostgreSQL runs: IngestStatementShapesIT.
class IngestStatementTest {
  private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");
  private final ContentRules rules = new ContentRules(10_000);

  @Test void aBatchOfPostsWritesOnlyEventsWithTheirDocuments() {
    Identity a = Identity.create();
    IngestStatement.Statement statement = IngestStatement.of(List.of(rules.accept(a.author.post("one")), rules.accept(a.author.post("two"))),
        List.of(), IngestStatement.Duplicates.FAIL);
    assertThat(statement.sql()).contains("insert into events", "to_tsvector('simple', x.post)")
        .doesNotContain("on conflict","search_documents", "fresh_references", "fresh_lww", "fresh_claims", "fresh_deletions", "removed_targets",
            "fresh_words");
    assertThat(parameters(statement.sql())).isEqualTo(numbers(7));
    assertThat(statement.arguments().size()).isEqualTo(7);
    assertThat((String[]) statement.arguments().getValue(6)).containsExactly("one", "two");
  }

  @Test void eachSideTableTheBatchWritesBringsItsCte() {
    Identity a = Identity.create(), b = Identity.create();
    VerifiedEvent post = a.author.post("soon gone");
    List<AcceptedEvent> batch = List.of(rules.accept(a.author.username("alice")),
        rules.accept(a.author.opinion(Reference.to(b.author.post("liked").pointer()), Opinion.LIKE)),
        rules.accept(a.author.claim(1, java.util.Map.of(1L, "alice"))), rules.accept(a.author.delete(post)));
    IngestStatement.Statement statement = IngestStatement.of(batch, List.of("alice"), IngestStatement.Duplicates.SKIP);
    assertThat(statement.sql()).contains("fresh_references", "fresh_lww", "fresh_claims", "fresh_profile_search", "fresh_deletions",
        "removed_targets", "removed_profile_search", "fresh_words", "on conflict (system, process, logical_clock) do nothing");
    assertThat(statement.arguments().size()).isEqualTo(25);
    assertThat(parameters(statement.sql())).isEqualTo(numbers(25));
    assertThat((String[]) statement.arguments().getValue(6)).containsOnlyNulls();
  }

  @Test void everyShapeNumbersItsParametersFromOneWithoutGaps() {
    assertThat(IngestStatement.everyShape()).hasSize(2 << IngestStatement.Part.values().length).doesNotHaveDuplicates();
    for (IngestStatement.Shape shape : IngestStatement.everyShape()) {
      IngestStatement.Statement empty = IngestStatement.of(shape, List.of(), List.of());
      assertThat(parameters(empty.sql())).as("%s", shape).isEqualTo(numbers(empty.arguments().size()));
      assertThat(empty.sql()).as("%s", shape).isSameAs(IngestStatement.sql(shape));
      assertThat(empty.sql().contains("on conflict (system, process, logical_clock) do nothing")).as("%s", shape)
          .isEqualTo(shape.duplicates() == IngestStatement.Duplicates.SKIP);
    }
  }

  private static Set<Integer> parameters(String sql) {
    Set<Integer> found = new TreeSet<>();
    Matcher m = PARAMETER.matcher(sql);
    while (m.find()) found.add(Integer.parseInt(m.group(1)));
    return found;
  }

  private static Set<Integer> numbers(int count) {
    Set<Integer> all = new TreeSet<>();
    for (int i = 1; i <= count; i++) all.add(i);
    return all;
  }
}
