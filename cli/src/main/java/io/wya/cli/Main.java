package io.wya.cli;

import io.wya.client.ClientException;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/// The `wya` entry point. [#run] is the whole program with its streams and environment passed in,
/// so tests drive it in-process as a user would.
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Console console = System.console();
    boolean terminal = console != null && console.isTerminal();
    int code = run(args, System.getenv(), System.in, System.out, System.err, Clock.systemUTC(), new SecureRandom(),
        terminal ? console : null);
    System.exit(code);
  }

  public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err, Clock clock,
                        SecureRandom random, Console console) {
    Cli cli = new Cli(env, in, out, err, clock, random, console);
    CommandLine commandLine = new CommandLine(new WyaCommand(cli), new Factory(cli));
    // public ids are base64url and may start with '-': an unknown "option" is a positional value
    commandLine.setUnmatchedOptionsArePositionalParams(true);
    commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    commandLine.getCommandSpec().usageMessage().footer(withExitCodes(commandLine.getCommandSpec().usageMessage().footer()));
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      Output output = cli.output();
      if (e instanceof ClientException c) {
        output.error(c.error().name(), c.getMessage());
        return ExitCode.of(c.error()).code();
      }
      output.error("INTERNAL", "internal error: " + e);
      e.printStackTrace(err);
      return ExitCode.INTERNAL.code();
    });
    return commandLine.execute(args);
  }

  private static String[] withExitCodes(String[] footer) {
    String[] out = footer.clone();
    for (int i = 0; i < out.length; i++) if (out[i].equals("%s")) out[i] = ExitCode.table().stripTrailing();
    return out;
  }

  /// Builds commands with the invocation's [Cli] when they take one.
  private record Factory(Cli cli) implements CommandLine.IFactory {
    @Override public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Cli.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(cli));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
