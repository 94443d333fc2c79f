package io.wya.cli;

import io.wya.client.Progress;
import java.io.PrintStream;
import java.time.Clock;

/// Shows long work on stderr: on a terminal a line redrawn in place (`sync 3f9a1c2b  1,240/5,000
/// 24%`) at most every [#REDRAW_MILLIS]; elsewhere (pipes, CI logs) one line when a task starts
/// with a known size of at least [#ANNOUNCE_AT] and one when it ends, so logs stay short. Small
/// tasks print nothing.
public final class TerminalProgress implements Progress {
  static final long REDRAW_MILLIS = 100;
  /// Tasks smaller than this stay silent (a sync of a handful of events is not "long work").
  static final long ANNOUNCE_AT = 40;

  private final PrintStream err;
  private final boolean terminal;
  private final Clock clock;
  private String task;
  private long total;
  private long done;
  private long lastDraw;
  private boolean shown;

  public TerminalProgress(PrintStream err, boolean terminal, Clock clock) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
  }

  @Override public void begin(String task, long total) {
    this.task = task;
    this.total = total;
    this.done = 0;
    this.shown = total >= ANNOUNCE_AT;
    this.lastDraw = 0;
    if (!shown) return;
    if (terminal) draw();
    else err.println(task + ": " + String.format("%,d", total) + " to fetch");
  }

  @Override public void advance(long amount) {
    done += amount;
    if (!shown || !terminal) return;
    long now = clock.millis();
    if (now - lastDraw >= REDRAW_MILLIS || done >= total) draw();
  }

  @Override public void end() {
    if (!shown) return;
    if (terminal) {
      draw();
      err.println();
    } else {
      err.println(task + ": done (" + String.format("%,d", done) + ")");
    }
    err.flush();
    shown = false;
  }

  private void draw() {
    lastDraw = clock.millis();
    long percent = total == 0 ? 0 : Math.min(100, done * 100 / total);
    int width = 24;
    int filled = (int) (percent * width / 100);
    err.print("\r" + task + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
        + String.format("%,d/%,d %3d%%", done, total, percent));
    err.flush();
  }
}
