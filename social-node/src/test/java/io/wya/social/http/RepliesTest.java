package io.wya.social.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepliesTest {
  @Test void equalBodiesHaveEqualStrongTagsAndOthersDiffer() {
    assertThat(Replies.etag(new byte[] {1, 2})).isEqualTo(Replies.etag(new byte[] {1, 2})).isNotEqualTo(Replies.etag(new byte[] {1, 3}))
        .startsWith("\"").doesNotStartWith("W/");
  }

  @Test void ifNoneMatchAcceptsListsWeakFormsAndStar() {
    String tag = Replies.etag(new byte[] {7});
    assertThat(Replies.matches(tag, tag)).isTrue();
    assertThat(Replies.matches("\"other\", " + tag, tag)).isTrue();
    assertThat(Replies.matches("W/" + tag, tag)).isTrue();
    assertThat(Replies.matches("*", tag)).isTrue();
    assertThat(Replies.matches("\"other\"", tag)).isFalse();
    assertThat(Replies.matches(null, tag)).isFalse();
  }
}
