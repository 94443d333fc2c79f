package io.wya.social.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RelayScheduleTest {
  private final List<Runnable> timers = new ArrayList<>();
  private final List<Long> delays = new ArrayList<>();
  private final List<Consumer<Boolean>> passes = new ArrayList<>();
  private boolean topicReady = true;
  private final RelaySchedule schedule = new RelaySchedule(20, (delay, task) -> {
    delays.add(delay);
    timers.add(task);
  }, () -> topicReady, passes::add);

  private void fireTimers() {
    List<Runnable> due = new ArrayList<>(timers);
    timers.clear();
    due.forEach(Runnable::run);
  }

  private Consumer<Boolean> lastPass() { return passes.getLast(); }

  @Test void wakesOfAnIdleRelayShareOnePassAfterTheDelay() {
    schedule.wake();
    schedule.wake();
    schedule.wake();
    assertThat(passes).isEmpty();
    assertThat(delays).containsExactly(20L);
    fireTimers();
    assertThat(passes).hasSize(1);
  }

  @Test void aWakeDuringAPassSchedulesTheNextAfterTheDelayNotAtOnce() {
    schedule.wake();
    fireTimers();
    schedule.wake();
    schedule.wake();
    lastPass().accept(false);
    assertThat(passes).as("the next pass waits for company").hasSize(1);
    assertThat(delays).containsExactly(20L, 20L);
    fireTimers();
    assertThat(passes).hasSize(2);
  }

  @Test void aFullPassIsFollowedAtOnce() {
    schedule.wake();
    fireTimers();
    lastPass().accept(true);
    assertThat(passes).hasSize(2);
    assertThat(timers).isEmpty();
  }

  @Test void aPassNobodyWokeDuringEndsQuietly() {
    schedule.wake();
    fireTimers();
    lastPass().accept(false);
    assertThat(timers).isEmpty();
    assertThat(passes).hasSize(1);
  }

  @Test void onlyOnePassRunsAtATime() {
    schedule.wake();
    fireTimers();
    schedule.run();
    assertThat(passes).as("the periodic retry found a pass running").hasSize(1);
    lastPass().accept(false);
    fireTimers();
    assertThat(passes).hasSize(2);
  }

  @Test void nothingRunsBeforeTheTopicIsReady() {
    topicReady = false;
    schedule.wake();
    fireTimers();
    assertThat(passes).isEmpty();
    assertThat(timers).as("no retry loop: the periodic pass takes over").isEmpty();
    topicReady = true;
    schedule.run();
    assertThat(passes).hasSize(1);
  }
}
