package io.wya.social.cache;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class GenerationsTest {
  @Test void noValueRepeatsOnOneNodeOrAcrossNodes() {
    Set<String> seen = new HashSet<>();
    for (int node = 0; node < 4; node++) {
      Generations generations = new Generations();
      for (int i = 0; i < 10_000; i++) assertThat(seen.add(generations.next())).isTrue();
    }
  }
}
