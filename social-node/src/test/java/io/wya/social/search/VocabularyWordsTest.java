package io.wya.social.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyWordsTest {
  private final VocabularyWords words = new VocabularyWords(8);

  @Test void wordsAreLowerCasedRunsOfLettersSortedAndDistinct() {
    assertThat(words.of("Walking along the canal, THE canal!")).containsExactly("along", "canal", "the", "walking");
  }

  @Test void aRunTouchingADigitIsSkippedWhole() {
    assertThat(words.of("order 2024 v2 abc123 ok")).containsExactly("ok", "order");
  }

  @Test void separatorsSplitWords() {
    assertThat(words.of("foo-bar a@b.example don't x_y")).containsExactly("a", "b", "bar", "don", "example", "foo", "t", "x", "y");
  }

  @Test void lettersOfEveryScriptAreWords() {
    assertThat(words.of("Größe café Ωμέγα 東京")).containsExactly("café", "größe", "ωμέγα", "東京");
  }

  @Test void wordsLongerThanTheLimitStayOut() {
    assertThat(words.of("eightchr ninechars")).containsExactly("eightchr");
    assertThat(words.of("")).isEmpty();
    assertThatThrownBy(() -> new VocabularyWords(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test void supplementaryLettersCountAsOneCharacter() {
    String gothic = "\uD800\uDF30".repeat(8);
    assertThat(words.of(gothic + " x")).containsExactlyInAnyOrderElementsOf(List.of(gothic, "x"));
  }
}
