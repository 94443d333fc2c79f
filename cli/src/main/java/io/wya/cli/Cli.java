package io.wya.cli;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.Progress;
import io.wya.client.WyaClient;
import io.wya.client.home.Endpoints;
import io.wya.client.home.WyaHome;
import io.wya.client.vault.PassphraseSource;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/// Everything one invocation of `wya` runs with: the streams, the environment, the clock and
/// randomness, the global options. Tests build one per simulated user and call [Main#run].
public final class Cli {
  /// Overrides the default home directory `~/.wya` (`--home` wins over it).
  public static final String HOME_ENV = "WYA_CLIENT_HOME";
  public static final String PASSPHRASE_ENV = "WYA_PASSPHRASE";
  /// `auto` (WebSocket, falling back to SSE), `websocket` or `sse`.
  public static final String TRANSPORT_ENV = "WYA_GATEWAY_TRANSPORT";

  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final SecureRandom random;
  private final Console console;
  final GlobalOptions options = new GlobalOptions();

  /// @param console the terminal to prompt on and draw progress to, or null when there is none
  public Cli(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, Clock clock, SecureRandom random, Console console) {
    this.env = Map.copyOf(env);
    this.in = in;
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.random = random;
    this.console = console;
  }

  public Map<String, String> env() { return env; }

  public InputStream in() { return in; }

  public Clock clock() { return clock; }

  public SecureRandom random() { return random; }

  public Console console() { return console; }

  public boolean terminal() { return console != null; }

  public GlobalOptions options() { return options; }

  public Output output() { return new Output(out, err, options.json); }

  public WyaHome home() {
    if (options.home != null) return WyaHome.at(options.home);
    String fromEnv = env.get(HOME_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) return WyaHome.at(Path.of(fromEnv));
    return WyaHome.at(Path.of(System.getProperty("user.home"), ".wya"));
  }

  public Endpoints endpoints(WyaHome home) {
    return Endpoints.resolve(options.socialUrl(), options.gatewayUrl(), env, home.config());
  }

  /// Opens the home's vault (asking for the passphrase if it has one).
  public WyaClient open() {
    WyaHome home = home();
    return WyaClient.open(home, passphrases(home), endpoints(home), clock, random);
  }

  public PassphraseSource passphrases(WyaHome home) {
    return () -> {
      String fromEnv = env.get(PASSPHRASE_ENV);
      if (fromEnv != null && !fromEnv.isEmpty()) return fromEnv.toCharArray();
      if (console != null) {
        char[] typed = console.readPassword("Passphrase for %s: ", home.dir());
        if (typed != null && typed.length > 0) return typed;
      }
      throw new ClientException(ClientError.PASSPHRASE_REQUIRED,
          "this home is passphrase-protected: set " + PASSPHRASE_ENV + " or run wya on a terminal");
    };
  }

  public io.wya.client.gateway.GatewayConnection.Transports transports() {
    String value = env.getOrDefault(TRANSPORT_ENV, "auto").strip().toLowerCase(java.util.Locale.ROOT);
    return switch (value) {
      case "", "auto" -> io.wya.client.gateway.GatewayConnection.Transports.AUTO;
      case "websocket", "ws" -> io.wya.client.gateway.GatewayConnection.Transports.WEBSOCKET_ONLY;
      case "sse" -> io.wya.client.gateway.GatewayConnection.Transports.SSE_ONLY;
      default -> throw new ClientException(ClientError.INVALID_ARGUMENT, TRANSPORT_ENV + " must be auto, websocket or sse");
    };
  }

  /// How chat commands connect: `WYA_GATEWAY_TRANSPORT`, and `WYA_TRACE=1` prints every frame on stderr.
  public io.wya.client.chat.ChatSession.Options chatOptions() {
    boolean tracing = "1".equals(env.get("WYA_TRACE"));
    java.util.function.Consumer<String> trace = tracing ? line -> {
      synchronized (err) {
        err.println(java.time.LocalTime.now() + " " + home().dir().getFileName() + " " + line);
      }
    } : line -> { };
    return new io.wya.client.chat.ChatSession.Options("wya-cli/" + Version.VERSION, transports(), trace, progress());
  }

  public Progress progress() {
    if (options.json) return Progress.NONE;
    return new TerminalProgress(err, terminal(), clock);
  }
}
