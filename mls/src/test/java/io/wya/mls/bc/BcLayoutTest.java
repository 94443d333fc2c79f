package io.wya.mls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// B2's safety catch: the state codec reaches into bcmls's private fields, so the engine refuses
/// to start on a bcmls whose classes do not have exactly the fields the codec was written for.
class BcLayoutTest {

  @Test
  @DisplayName("B2 the bcmls on the class path has the 1.84 layout the state codec saves, field for field")
  void layoutIsTheOneTheCodecWasWrittenFor() throws Exception {
    BcReflect.check();
    for (Map.Entry<String, String> e : BcReflect.LAYOUT.entrySet()) {
      assertThat(BcReflect.layoutOf(Class.forName(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(BcReflect.LAYOUT).hasSize(15);
    // the comparison is by name and type: a renamed or added field would not match
    assertThat(BcReflect.layoutOf(org.bouncycastle.mls.TranscriptHash.class)).isNotEqualTo("suite:MlsCipherSuite confirmed:byte[]");
  }
}
