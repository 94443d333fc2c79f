package io.wya.cli.chat;

import io.wya.cli.Cli;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatLine;
import io.wya.client.chat.ChatSession;
import io.wya.client.chat.Conversation;
import io.wya.client.gateway.ConnectionState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send", mixinStandardHelpOptions = true,
    description = {"Send an encrypted message to a room or DM.",
        "The message is saved on this device first: if the gateway is away or the connection drops, it stays queued",
        "(exit code 5, `wya read` shows it as pending) and goes out — once — with the next command that connects."})
public final class SendCommand extends ChatCommandBase {
  @Parameters(index = "0", paramLabel = "ROOM", description = "room name, id prefix, or @user for the DM") String room;
  @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT") List<String> words;
  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
      description = "how long to wait for the gateway before leaving the message queued (default ${DEFAULT-VALUE})")
  long waitSeconds;

  public SendCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) throws InterruptedException {
    WyaClient client = cli.open();
    try (ChatSession session = ChatSession.open(client, List.of(), e -> { }, cli.chatOptions())) {
      Conversation c = session.chat().find(room, client.social().contacts()::resolve);
      CompletableFuture<ChatLine> sent = session.chat().queue(c, String.join(" ", words));
      try {
        ChatLine line = sent.get(waitSeconds, TimeUnit.SECONDS);
        out.result("sent to " + title(client, c) + " (seq " + line.seq() + ")", json(client, c, line));
        return ExitCode.OK.code();
      } catch (TimeoutException e) {
        out.result("queued for " + title(client, c), map("conversation", c.id().hex(), "text", String.join(" ", words), "pending", true));
        out.note("wya: not sent yet (" + ConnectionState.describe(session.connection().state(), cli.clock().instant())
            + "); it is saved on this device and goes out with the next wya command that connects (read, listen, tui, send)");
        return ExitCode.UNREACHABLE.code();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ClientException x) throw x;
        throw new ClientException(ClientError.UNREACHABLE, "sending failed: " + e.getCause(), e.getCause());
      }
    }
  }
}
