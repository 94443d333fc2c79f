package io.wya.social.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/// One Lua script, sent by digest (`EVALSHA`) and by text only when Redis does not know it (the
/// first call, after a restart or a `SCRIPT FLUSH`). A script runs atomically.
public final class RedisScript {
  private final String source;
  private final String digest;

  public RedisScript(String source) {
    this.source = source;
    this.digest = sha1Hex(source);
  }

  /// Runs the script; `arguments` appends `numkeys`, the keys and the arguments to the request
  /// (it may be called twice, for the digest and for the text).
  public Uni<Response> run(Redis redis, Consumer<Request> arguments) {
    return redis.send(request(Command.EVALSHA, digest, arguments))
        .onFailure(RedisScript::unknownScript).recoverWithUni(() -> redis.send(request(Command.EVAL, source, arguments)));
  }

  private static Request request(Command command, String script, Consumer<Request> arguments) {
    Request request = Request.cmd(command).arg(script);
    arguments.accept(request);
    return request;
  }

  private static boolean unknownScript(Throwable failure) {
    return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
  }

  private static String sha1Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
    }
  }
}
