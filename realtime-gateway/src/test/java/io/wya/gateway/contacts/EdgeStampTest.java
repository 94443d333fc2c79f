package io.wya.gateway.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EdgeStampTest {
  private static final byte[] P1 = new byte[16];
  private static final byte[] P2 = filled(16, (byte) 0xff);

  @Test
  @DisplayName("PRS-11 the latest unix_milliseconds wins, whatever the other fields")
  void laterTimeWins() {
    EdgeStamp older = EdgeStamp.of(1_000, EdgeStamp.RESTRICTIVE, P2, 99);
    EdgeStamp newer = EdgeStamp.of(1_001, EdgeStamp.PERMISSIVE, P1, 1);
    assertThat(newer).isGreaterThan(older);
    assertThat(EdgeValue.merge(new EdgeValue(false, older), new EdgeValue(true, newer)).present()).isTrue();
    assertThat(EdgeValue.merge(new EdgeValue(true, newer), new EdgeValue(false, older)).present()).isTrue();
  }

  @Test
  @DisplayName("PRS-11 a tie on time goes to the restrictive operation, then to the greater process and clock")
  void tiesAreTotal() {
    EdgeStamp permissive = EdgeStamp.of(5_000, EdgeStamp.PERMISSIVE, P2, 9);
    EdgeStamp restrictive = EdgeStamp.of(5_000, EdgeStamp.RESTRICTIVE, P1, 1);
    assertThat(restrictive).isGreaterThan(permissive);
    assertThat(EdgeStamp.of(5_000, EdgeStamp.PERMISSIVE, P2, 1)).isGreaterThan(EdgeStamp.of(5_000, EdgeStamp.PERMISSIVE, P1, 9));
    assertThat(EdgeStamp.of(5_000, EdgeStamp.PERMISSIVE, P1, 10)).isGreaterThan(EdgeStamp.of(5_000, EdgeStamp.PERMISSIVE, P1, 9));
  }

  @Test
  void aDeletedOperationBeatsItselfButNotALaterOne() {
    EdgeStamp op = EdgeStamp.of(7_000, EdgeStamp.RESTRICTIVE, P1, 3);
    assertThat(op.deleted()).isGreaterThan(op);
    assertThat(op.deleted().coordinates()).isEqualTo(op.coordinates()).isEqualTo(EdgeStamp.coordinates(P1, 3));
    assertThat(EdgeStamp.of(7_001, EdgeStamp.PERMISSIVE, P1, 4)).isGreaterThan(op.deleted());
  }

  @Test
  void huge19DigitTimesStillOrderCorrectly() {
    EdgeStamp a = EdgeStamp.of(Long.MAX_VALUE - 1, EdgeStamp.PERMISSIVE, P1, 0);
    EdgeStamp b = EdgeStamp.of(Long.MAX_VALUE, EdgeStamp.PERMISSIVE, P1, 0);
    assertThat(b).isGreaterThan(a);
    assertThat(a.unixMs()).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(EdgeValue.decode(new EdgeValue(true, a).encoded())).isEqualTo(new EdgeValue(true, a));
  }

  @Test
  void restrictiveMeansUnfollowOrBlock() {
    assertThat(EdgeKind.FOLLOW.restrictive(false)).isTrue();
    assertThat(EdgeKind.FOLLOW.restrictive(true)).isFalse();
    assertThat(EdgeKind.BLOCK.restrictive(true)).isTrue();
    assertThat(EdgeKind.BLOCK.restrictive(false)).isFalse();
  }

  private static byte[] filled(int n, byte b) {
    byte[] a = new byte[n];
    java.util.Arrays.fill(a, b);
    return a;
  }
}
