package io.wya.gateway.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/// One Lua script from the class path, run with `EVALSHA` and loaded with `EVAL` the first time
/// Redis does not know it (after a restart or a `SCRIPT FLUSH`). A script runs atomically: that is
/// what every multi-key invariant of presence and the contacts projection relies on.
///
/// Scripts name their keys in `ARGV` (from a prefix), not in `KEYS`: right for one Redis server,
/// which is what v1 supports; a Redis Cluster would need hash tags (ADR 0401).
public final class RedisScript {
  private final String name;
  private final String source;
  private final String sha1;

  private RedisScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1(source);
  }

  /// Loads `resources` relative to `owner`'s package, joined in order (a shared head of helper
  /// functions, then the script's body).
  public static RedisScript load(Class<?> owner, String... resources) {
    StringBuilder source = new StringBuilder();
    for (String resource : resources) {
      try (InputStream in = owner.getResourceAsStream(resource)) {
        if (in == null) throw new IllegalStateException("missing script " + resource + " next to " + owner.getName());
        source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new RedisScript(resources[resources.length - 1], source.toString());
  }

  public String name() { return name; }

  /// Runs the script with no KEYS and these ARGV.
  public Future<Response> run(Redis redis, List<String> args) {
    return redis.send(request(Command.EVALSHA, sha1, args)).recover(e -> {
      if (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) return redis.send(request(Command.EVAL, source, args));
      return Future.failedFuture(e);
    });
  }

  private static Request request(Command command, String script, List<String> args) {
    Request r = Request.cmd(command).arg(script).arg(0);
    for (String a : args) r.arg(a);
    return r;
  }

  private static String sha1(String source) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
