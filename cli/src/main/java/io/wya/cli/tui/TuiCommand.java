package io.wya.cli.tui;

import io.wya.cli.Cli;
import io.wya.cli.ClientCommand;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatEvent;
import io.wya.client.chat.ChatSession;
import io.wya.client.gateway.ConnectionState;
import io.wya.client.gateway.GatewayListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;

@Command(name = "tui", mixinStandardHelpOptions = true,
    description = {"The full-screen client: conversations and contacts on the left, the chosen conversation or the feed on the",
        "right, a state line that shows reconnects. Up/Down choose, Enter sends, /help lists the commands, Ctrl-C quits."})
public final class TuiCommand extends ClientCommand {
  /// How often the feed and the contacts are synced while the TUI runs.
  static final Duration FEED_REFRESH = Duration.ofMinutes(2);

  public TuiCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) throws Exception {
    WyaClient client = cli.open();
    Terminal terminal = TerminalBuilder.builder().system(true).name("wya").build();
    if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
      terminal.close();
      throw new ClientException(ClientError.INVALID_ARGUMENT, "wya tui needs a terminal (stdin and stdout a TTY)");
    }
    TuiState state = new TuiState(client.social().me().username().orElse(client.identity().publicId().substring(0, 10) + "…"));
    state.name("me", client.identity().publicId());
    ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("wya-tui").unstarted(r));
    Tui[] tui = new Tui[1];
    Runnable redraw = () -> {
      if (tui[0] != null) tui[0].redraw();
    };
    GatewayListener connection = new GatewayListener() {
      @Override public void onState(ConnectionState s) {
        state.connection(ConnectionState.describe(s, cli.clock().instant()));
        redraw.run();
      }
    };
    try (terminal; ChatSession session = ChatSession.open(client, List.of(connection), event -> {
      switch (event) {
        case ChatEvent.Line l -> state.line(l.line());
        case ChatEvent.Queued q -> {
          if (!q.message().text().isEmpty()) state.pending(TuiActions.pendingLine(client, q.message()));
        }
        case ChatEvent.Joined j -> refreshConversations(state);
        case ChatEvent.Updated u -> refreshConversations(state);
        case ChatEvent.CaughtUp c -> { }
      }
      redraw.run();
    }, cli.chatOptions())) {
      current = session;
      session.chat().rejoinAutomatically(true);
      io.wya.client.presence.PresencePreference.Saved mine = new io.wya.client.presence.PresencePreference(client.store()).load();
      io.wya.client.presence.PresenceClient presence = new io.wya.client.presence.PresenceClient(session.connection(), mine.status(), mine.activity());
      session.addListener(presence);
      presence.addListener(view -> {
        state.presence(io.wya.client.social.Contacts.publicId(view.user()), view.describe());
        redraw.run();
      });
      worker.execute(() -> {
        try {
          presence.announce(mine.status(), mine.activity());
        } catch (ClientException e) {
          state.status("presence: " + e.getMessage());
        }
      });
      TuiActions actions = new TuiActions(client, session, state, worker, redraw, presence);
      tui[0] = new Tui(terminal, state, line -> worker.execute(() -> actions.submit(line, tui[0])));
      actions.loadConversations();
      worker.execute(actions::refreshSocial);
      worker.scheduleWithFixedDelay(actions::refreshSocial, FEED_REFRESH.toSeconds(), FEED_REFRESH.toSeconds(), TimeUnit.SECONDS);
      // the state line counts down reconnect delays
      worker.scheduleWithFixedDelay(() -> {
        ConnectionState s = session.connection().state();
        if (s instanceof ConnectionState.Waiting) connection.onState(s);
      }, 1, 1, TimeUnit.SECONDS);
      tui[0].run();
    } finally {
      worker.shutdownNow();
    }
    return ExitCode.OK.code();
  }

  private volatile ChatSession current;

  /// Conversation events can arrive while the session is still being opened; the list is loaded
  /// again right after, so an early one is not lost.
  private void refreshConversations(TuiState state) {
    ChatSession session = current;
    if (session != null) state.conversations(session.chat().conversations());
  }
}
