package io.wya.cli.tui;

import java.io.IOException;
import java.util.function.Consumer;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/// The terminal side of the TUI: full screen (alternate screen buffer), raw keys, a redraw on
/// every change and on resize (SIGWINCH). Keys: Up/Down (or Ctrl-P/Ctrl-N) choose the feed or a
/// conversation, PageUp/PageDown scroll, Enter submits the input line, Tab jumps to the feed,
/// Ctrl-L redraws, Ctrl-C or Ctrl-D quits.
final class Tui {
  enum Key { INSERT, ENTER, BACKSPACE, UP, DOWN, LEFT, RIGHT, PAGE_UP, PAGE_DOWN, TAB, REDRAW, QUIT }

  private final Terminal terminal;
  private final TuiState state;
  private final Consumer<String> submit;
  private Display display;
  private volatile boolean running;

  Tui(Terminal terminal, TuiState state, Consumer<String> submit) {
    this.terminal = terminal;
    this.state = state;
    this.submit = submit;
  }

  /// Runs the key loop until the user quits (or [#stop()]).
  void run() throws IOException {
    Attributes saved = terminal.enterRawMode();
    Attributes raw = terminal.getAttributes();
    raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);   // Ctrl-C is a key here, not a signal that skips the cleanup
    terminal.setAttributes(raw);
    terminal.puts(Capability.enter_ca_mode);
    terminal.puts(Capability.keypad_xmit);
    terminal.flush();
    display = new Display(terminal, true);
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.WINCH, signal -> redraw());
    running = true;
    try {
      redraw();
      BindingReader reader = new BindingReader(terminal.reader());
      KeyMap<Key> keys = keys();
      while (running) {
        Key key = reader.readBinding(keys, null, true);
        if (key == null) break;
        switch (key) {
          case INSERT -> state.type(reader.getLastBinding());
          case ENTER -> {
            String line = state.take();
            if (!line.isBlank()) submit.accept(line);
          }
          case BACKSPACE -> state.backspace();
          case UP -> state.move(-1);
          case DOWN -> state.move(1);
          case LEFT -> state.cursor(-1);
          case RIGHT -> state.cursor(1);
          case PAGE_UP -> state.scroll(5);
          case PAGE_DOWN -> state.scroll(-5);
          case TAB -> state.showFeed();
          case REDRAW -> clear();
          case QUIT -> running = false;
        }
        redraw();
      }
    } finally {
      running = false;
      terminal.handle(Terminal.Signal.WINCH, previous);
      terminal.puts(Capability.keypad_local);
      terminal.puts(Capability.exit_ca_mode);
      terminal.setAttributes(saved);
      terminal.flush();
    }
  }

  void stop() { running = false; }

  /// Draws the current state (from any thread).
  synchronized void redraw() {
    if (display == null || !running) return;
    var size = terminal.getSize();
    display.resize(size.getRows(), size.getColumns());
    boolean unicode = java.nio.charset.StandardCharsets.UTF_8.equals(terminal.encoding());
    TuiRenderer.Frame frame = TuiRenderer.render(state.snapshot(), size.getColumns(), size.getRows(), unicode);
    int cursor = size.cursorPos(frame.lines().size() - 1, frame.cursorColumn());
    display.update(frame.lines(), cursor);
    terminal.flush();
  }

  private synchronized void clear() {
    if (display != null) display.clear();
  }

  private KeyMap<Key> keys() {
    KeyMap<Key> keys = new KeyMap<>();
    keys.setUnicode(Key.INSERT);
    keys.bind(Key.INSERT, KeyMap.range(" -~"));
    keys.bind(Key.ENTER, "\r", "\n");
    keys.bind(Key.BACKSPACE, KeyMap.del(), KeyMap.ctrl('H'));
    keys.bind(Key.UP, KeyMap.key(terminal, Capability.key_up), "\033[A", "\033OA", KeyMap.ctrl('P'));
    keys.bind(Key.DOWN, KeyMap.key(terminal, Capability.key_down), "\033[B", "\033OB", KeyMap.ctrl('N'));
    keys.bind(Key.RIGHT, KeyMap.key(terminal, Capability.key_right), "\033[C", "\033OC");
    keys.bind(Key.LEFT, KeyMap.key(terminal, Capability.key_left), "\033[D", "\033OD");
    keys.bind(Key.PAGE_UP, KeyMap.key(terminal, Capability.key_ppage), "\033[5~");
    keys.bind(Key.PAGE_DOWN, KeyMap.key(terminal, Capability.key_npage), "\033[6~");
    keys.bind(Key.TAB, "\t");
    keys.bind(Key.REDRAW, KeyMap.ctrl('L'));
    keys.bind(Key.QUIT, KeyMap.ctrl('C'), KeyMap.ctrl('D'));
    keys.setAmbiguousTimeout(100);
    return keys;
  }
}
