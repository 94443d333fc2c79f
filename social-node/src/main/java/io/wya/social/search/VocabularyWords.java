package io.wya.social.search;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/// The words of a post that may enter the fuzzy-search vocabulary (ADR 0108): lower-cased runs of
/// letters, at most `maxLength` characters. A run touching a digit (`abc123`, `v2`) is skipped
/// whole, as PostgreSQL's parser keeps it as one token with the digit; numbers, versions and
/// identifiers therefore stay exact-only, so `2024` does not find `2025` and per-post identifiers
/// do not grow the vocabulary. Separators (space, punctuation, `.`, `@`, `-`, `_`, `'`) split words,
/// so the parts of `foo-bar` or `a@b.example` are words; a word that is no lexeme of any document
/// only ever widens a query with a variant that matches nothing.
public final class VocabularyWords {
  private final int maxLength;

  /// @param maxLength longer words stay out of the vocabulary (searchable exactly only)
  public VocabularyWords(int maxLength) {
    if (maxLength < 1) throw new IllegalArgumentException("the fuzzy word length must be at least 1");
    this.maxLength = maxLength;
  }

  /// Adds the vocabulary words of `text` to `into` (sorted, distinct).
  public void collect(String text, Set<String> into) {
    int length = text.length();
    int i = 0;
    while (i < length) {
      int cp = text.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      boolean digit = false;
      int letters = 0;
      while (i < length) {
        cp = text.codePointAt(i);
        if (!Character.isLetterOrDigit(cp)) break;
        digit |= !Character.isLetter(cp);
        letters++;
        i += Character.charCount(cp);
      }
      if (!digit && letters <= maxLength) into.add(text.substring(start, i).toLowerCase(Locale.ROOT));
    }
  }

  /// The vocabulary words of `text`, sorted.
  public Set<String> of(String text) {
    Set<String> words = new TreeSet<>();
    collect(text, words);
    return words;
  }
}
