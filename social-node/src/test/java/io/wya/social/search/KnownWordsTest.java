package io.wya.social.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownWordsTest {
  @Test void onlyCommittedWordsAreKnownAndTheLeastRecentlyUsedIsForgotten() {
    KnownWords known = new KnownWords(2);
    assertThat(known.unknown(List.of("a", "b"))).containsExactly("a", "b");
    known.rememberAll(List.of("a", "b"));
    assertThat(known.unknown(List.of("a", "b", "c"))).containsExactly("c");
    known.unknown(List.of("a")); // a used more recently than b
    known.rememberAll(List.of("c"));
    assertThat(known.size()).isEqualTo(2);
    assertThat(known.unknown(List.of("a", "b", "c"))).containsExactly("b");
  }
}
