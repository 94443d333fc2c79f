package io.wya.client.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.polycentric.ProcessId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangesTest {
  private static final ProcessId P = ProcessId.of(new byte[16]);
  private static final ProcessId Q = ProcessId.of(filled(16, 7));

  @Test void touchingAndOverlappingRunsMerge() {
    Ranges r = Ranges.empty().add(P, 1, 3).add(P, 4).add(P, 10, 12).add(P, 2, 11);
    assertThat(r.runs().get(P)).containsExactly(new long[] {1, 12});
    assertThat(r.count()).isEqualTo(12);
  }

  @Test void minusLeavesTheHoles() {
    Ranges server = Ranges.empty().add(P, 1, 10).add(Q, 1, 2);
    Ranges local = Ranges.empty().add(P, 2, 3).add(P, 7).add(Q, 1, 5);
    Ranges need = server.minus(local);
    assertThat(need.runs().get(P)).containsExactly(new long[] {1, 1}, new long[] {4, 6}, new long[] {8, 10});
    assertThat(need.runs()).doesNotContainKey(Q);
    assertThat(need.count()).isEqualTo(7);
  }

  @Test void minusOfEverythingIsEmpty() {
    assertThat(Ranges.empty().add(P, 5, 9).minus(Ranges.empty().add(P, 1, 20)).isEmpty()).isTrue();
  }

  @Test void chunksNeverExceedTheBatchAndCoverEverything() {
    Ranges r = Ranges.empty().add(P, 1, 45).add(Q, 3, 4).add(Q, 100, 117);
    List<Ranges> chunks = r.chunks(20);
    assertThat(chunks).allSatisfy(c -> assertThat(c.count()).isLessThanOrEqualTo(20));
    Ranges union = Ranges.empty();
    chunks.forEach(union::addAll);
    assertThat(union).isEqualTo(r);
    assertThat(chunks).hasSize(4);
  }

  @Test void highestTakesTheNewestClocks() {
    Ranges r = Ranges.empty().add(P, 1, 100);
    assertThat(r.highest(10).runs().get(P)).containsExactly(new long[] {91, 100});
    assertThat(r.highest(1000)).isEqualTo(r);
  }

  @Test void huge_ranges_do_not_overflow() {
    Ranges r = Ranges.empty().add(P, 0, Long.MAX_VALUE);
    assertThat(r.count()).isEqualTo(Long.MAX_VALUE);
    assertThat(r.highest(3).runs().get(P)).containsExactly(new long[] {Long.MAX_VALUE - 2, Long.MAX_VALUE});
    assertThat(r.contains(P, Long.MAX_VALUE)).isTrue();
  }

  static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }
}
