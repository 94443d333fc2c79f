package io.wya.cli;

import io.wya.client.social.SocialClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/// A command that runs against the home: subclasses implement [#execute] and return an exit code;
/// [io.wya.client.ClientException]s are turned into codes by [Main].
public abstract class ClientCommand implements Callable<Integer> {
  protected final Cli cli;

  protected ClientCommand(Cli cli) { this.cli = cli; }

  @Override public final Integer call() throws Exception { return execute(cli.output()); }

  protected abstract int execute(Output out) throws Exception;

  /// Reports a publish: its id and whether the node has it. An event saved locally while the
  /// node was unreachable is exit code 5; the next sync sends it.
  protected static int published(Output out, SocialClient.Published p, String text, Map<String, Object> fields) {
    Map<String, Object> o = new LinkedHashMap<>(fields);
    o.put("delivered", p.delivered());
    out.result(text, o);
    if (p.delivered()) return ExitCode.OK.code();
    out.note("wya: saved on this device, but the social node did not take it (" + p.problem().orElse("unknown problem")
        + "); `wya sync` sends it later");
    return ExitCode.UNREACHABLE.code();
  }

  protected static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
    return m;
  }
}
