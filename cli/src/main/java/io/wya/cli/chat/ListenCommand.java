package io.wya.cli.chat;

import io.wya.cli.Cli;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatEvent;
import io.wya.client.chat.ChatLine;
import io.wya.client.chat.ChatSession;
import io.wya.client.chat.Conversation;
import io.wya.client.gateway.ConnectionState;
import io.wya.client.gateway.GatewayListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "listen", mixinStandardHelpOptions = true,
    description = {"Print messages as they arrive (first what came while you were away), until Ctrl-C.",
        "Reconnects by itself (WebSocket, else SSE) and says so on stderr."})
public final class ListenCommand extends ChatCommandBase {
  @Parameters(arity = "0..1", paramLabel = "ROOM", description = "only this conversation") String room;
  @Option(names = "--count", paramLabel = "N", description = "exit after N messages") Integer count;
  @Option(names = "--timeout", paramLabel = "SECONDS", description = "exit after this many seconds") Long timeoutSeconds;

  public ListenCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) throws InterruptedException {
    WyaClient client = cli.open();
    CountDownLatch remaining = new CountDownLatch(count == null ? Integer.MAX_VALUE : count);
    String[] only = new String[1];
    java.util.List<Object[]> backlog = new java.util.ArrayList<>();
    boolean[] live = new boolean[1];
    GatewayListener status = new GatewayListener() {
      @Override public void onState(ConnectionState state) {
        if (state instanceof ConnectionState.Waiting || state instanceof ConnectionState.Live
            || state instanceof ConnectionState.Stopped s && !s.byUs()) {
          out.note("wya: " + ConnectionState.describe(state, cli.clock().instant()));
        }
      }
    };
    java.util.function.BiConsumer<Conversation, ChatLine> print = (c, line) -> {
      if (only[0] != null && !c.id().hex().equals(only[0])) return;
      out.result("[" + title(client, c) + "] " + render(client, line), json(client, c, line));
      if (!line.system()) remaining.countDown();
    };
    try (ChatSession session = ChatSession.open(client, List.of(status), event -> {
      if (!(event instanceof ChatEvent.Line(Conversation c, ChatLine line))) return;
      synchronized (backlog) {
        if (live[0]) print.accept(c, line);
        else backlog.add(new Object[] {c, line});
      }
    }, cli.chatOptions())) {
      session.chat().rejoinAutomatically(true);
      session.catchUp();
      io.wya.client.presence.PresencePreference.Saved mine = new io.wya.client.presence.PresencePreference(client.store()).load();
      io.wya.client.presence.PresenceClient presence = new io.wya.client.presence.PresenceClient(session.connection(), mine.status(), mine.activity());
      session.addListener(presence);
      try {
        presence.announce(mine.status(), mine.activity());
      } catch (io.wya.client.ClientException e) {
        out.note("wya: presence: " + e.getMessage());
      }
      if (room != null) only[0] = session.chat().find(room, client.social().contacts()::resolve).id().hex();
      synchronized (backlog) {
        for (Object[] held : backlog) print.accept((Conversation) held[0], (ChatLine) held[1]);
        backlog.clear();
        live[0] = true;
      }
      Optional<Duration> limit = Optional.ofNullable(timeoutSeconds).map(Duration::ofSeconds);
      if (limit.isPresent()) remaining.await(limit.get().toMillis(), TimeUnit.MILLISECONDS);
      else remaining.await();
      return ExitCode.OK.code();
    }
  }
}
