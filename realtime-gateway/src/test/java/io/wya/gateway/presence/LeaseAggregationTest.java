package io.wya.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.protocol.PresenceStatus;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LeaseAggregationTest {
  private static Lease lease(String device, PresenceStatus s, String activity, long setAt) {
    return new Lease(device, s, activity, setAt, setAt + 90_000);
  }

  @Test
  @DisplayName("PRS-5 without a live lease a user is offline")
  void noLeaseIsOffline() {
    assertThat(LeaseAggregation.shown(List.of())).isEqualTo(new LeaseAggregation.Shown(PresenceStatus.OFFLINE, ""));
  }

  @Test
  @DisplayName("PRS-5 busy beats online beats away, across devices")
  void busyBeatsOnlineBeatsAway() {
    assertThat(LeaseAggregation.shown(List.of(lease("a", PresenceStatus.AWAY, "afk", 5), lease("b", PresenceStatus.ONLINE, "x", 1))))
        .isEqualTo(new LeaseAggregation.Shown(PresenceStatus.ONLINE, "x"));
    assertThat(LeaseAggregation.shown(List.of(lease("a", PresenceStatus.ONLINE, "", 9), lease("b", PresenceStatus.BUSY, "call", 1))))
        .isEqualTo(new LeaseAggregation.Shown(PresenceStatus.BUSY, "call"));
  }

  @Test
  @DisplayName("PRS-6 one invisible device hides the user on every device")
  void invisibleAnywhereHides() {
    assertThat(LeaseAggregation.shown(List.of(lease("a", PresenceStatus.BUSY, "call", 1), lease("b", PresenceStatus.INVISIBLE, "", 0))))
        .isEqualTo(new LeaseAggregation.Shown(PresenceStatus.OFFLINE, ""));
  }

  @Test
  void equalStatusesShowTheLatestSetActivityThenTheGreaterDevice() {
    assertThat(LeaseAggregation.shown(List.of(lease("a", PresenceStatus.ONLINE, "old", 1), lease("b", PresenceStatus.ONLINE, "new", 2)))
        .activity()).isEqualTo("new");
    assertThat(LeaseAggregation.shown(List.of(lease("b", PresenceStatus.ONLINE, "b", 2), lease("a", PresenceStatus.ONLINE, "a", 2)))
        .activity()).isEqualTo("b");
  }
}
