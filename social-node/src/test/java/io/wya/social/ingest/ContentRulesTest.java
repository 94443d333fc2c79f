package io.wya.social.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.Opinion;
import io.wya.polycentric.Reference;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.WireException;
import io.wya.social.support.Identity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentRulesTest {
  private final ContentRules rules = new ContentRules(10);
  private final Identity a = Identity.create();

  @Test void postsAreIndexedForSearchAndLimitedInUtf8Bytes() {
    assertThat(rules.accept(a.author.post("héllo")).searchText()).contains(new AcceptedEvent.SearchText("message", "héllo"));
    assertRule(a.author.post("ééééée"), "POST_TOO_LONG");
  }

  @Test void profileFieldsAreIndexedByKind() {
    assertThat(rules.accept(a.author.username("al")).searchText()).contains(new AcceptedEvent.SearchText("username", "al"));
    assertThat(rules.accept(a.author.description("d")).searchText()).contains(new AcceptedEvent.SearchText("description", "d"));
  }

  @Test void claimsBecomeAJsonObjectOfTheirFields() {
    var claim = rules.accept(a.author.claim(21, Map.of(0L, "FUTO", 1L, "engineer \"x\""))).claim();
    assertThat(claim.claimType()).isEqualTo(21);
    assertThat(claim.fieldsJson()).isEqualTo("{\"0\":\"FUTO\",\"1\":\"engineer \\\"x\\\"\"}");
  }

  @Test void referencesAreKeyedByTheirSubject() {
    VerifiedEvent post = a.author.post("p");
    var opinion = rules.accept(a.author.opinion(Reference.to(post.pointer()), Opinion.LIKE));
    assertThat(opinion.subjects()).containsExactly(SubjectKey.of(post.key()));
  }

  @Test void unknownContentTypesPassOpaquely() {
    var e = a.author.publish(99, ByteString.copyFromUtf8("?"), Optional.empty(), Optional.empty(), List.of());
    assertThat(rules.accept(e).searchText()).isEmpty();
  }

  @Test void deletesMustParse() {
    assertRule(a.author.publish(ContentType.DELETE, ByteString.copyFromUtf8("x"), Optional.empty(), Optional.empty(), List.of()), "INVALID_DELETE");
    assertThat(rules.accept(a.author.delete(a.author.post("p"))).delete()).isPresent();
  }

  private void assertRule(VerifiedEvent e, String code) {
    assertThatThrownBy(() -> rules.accept(e)).isInstanceOf(WireException.class).extracting(x -> ((WireException) x).code()).isEqualTo(code);
  }
}
