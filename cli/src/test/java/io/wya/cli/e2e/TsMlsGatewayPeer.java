package io.wya.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wya.testkit.LocalServices;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/// The ts-mls gateway peer (`src/test/js/gateway-peer.mjs`) as a child process: ts-mls members
/// that speak the gateway protocol themselves. Installed with `npm ci` from the committed lock
/// file into `target/gateway-peer`, then driven in JSON lines (the ops are listed in the script).
/// Skipped, saying so, where `node` or `npm` is not installed.
final class TsMlsGatewayPeer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] FILES = {"package.json", "package-lock.json", "gateway-peer.mjs"};

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final String gatewayUrl;
  private final Path protoPath;
  private int nextId = 1;

  private TsMlsGatewayPeer(Process process, String gatewayUrl, Path protoPath) {
    this.process = process;
    this.gatewayUrl = gatewayUrl;
    this.protoPath = protoPath;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /// Installs the peer (again only when the lock file changed) and starts it against `gatewayUrl`.
  static TsMlsGatewayPeer start(String gatewayUrl) throws IOException, InterruptedException {
    Assumptions.assumeTrue(installed("node") && installed("npm"),
        "node and npm are not installed: the ts-mls interop test through the gateway is skipped");
    Path root = LocalServices.require().repoRoot();
    Path source = root.resolve("cli/src/test/js");
    Path work = root.resolve("cli/target/gateway-peer");
    Files.createDirectories(work);
    boolean fresh = !Files.isDirectory(work.resolve("node_modules"))
        || !Files.exists(work.resolve("package-lock.json"))
        || Files.mismatch(source.resolve("package-lock.json"), work.resolve("package-lock.json")) != -1;
    for (String f : FILES) Files.copy(source.resolve(f), work.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    if (fresh) run(work, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
    Process p = new ProcessBuilder("node", "gateway-peer.mjs").directory(work.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new TsMlsGatewayPeer(p, gatewayUrl, root.resolve("gateway-protocol/src/main/proto/wya/gateway/v1/frames.proto"));
  }

  private static boolean installed(String command) {
    try {
      Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed in " + dir + ":\n" + output);
    }
  }

  /// Connects (the first time: creates) the ts-mls member `client` and logs it in over WebSocket.
  JsonNode connect(String client) throws IOException { return connect(client, "ws"); }

  /// The same over `transport`: "ws" (GATEWAY_SPEC §3.1) or "sse" (§3.2).
  JsonNode connect(String client, String transport) throws IOException {
    return call("connect", client, "url", gatewayUrl, "protoPath", protoPath.toString(), "transport", transport);
  }

  /// Logs `client` in again over `transport` with the resume token of its last session (AUTH-5).
  JsonNode resume(String client, String transport) throws IOException {
    return call("connect", client, "url", gatewayUrl, "protoPath", protoPath.toString(), "transport", transport, "resume", true);
  }

  /// Sends one request; returns the response, or throws [Failure] with the peer's error.
  synchronized JsonNode call(String op, String client, Object... args) throws IOException {
    ObjectNode req = JSON.createObjectNode().put("id", nextId++).put("op", op).put("client", client);
    for (int i = 0; i < args.length; i += 2) req.set((String) args[i], JSON.valueToTree(encode(args[i + 1])));
    in.write(JSON.writeValueAsString(req));
    in.newLine();
    in.flush();
    String line = out.readLine();
    if (line == null) throw new IOException("the ts-mls gateway peer exited");
    JsonNode res = JSON.readTree(line);
    if (!res.path("ok").asBoolean()) {
      throw new Failure(op + ": " + res.path("error").asText(), res.path("code").asText(""), res.path("reason").asText(""),
          res.path("currentEpoch").asLong(-1));
    }
    return res;
  }

  /// Waits until the member processed `seq` of `convId`; returns its events up to there.
  List<JsonNode> awaitSeq(String client, byte[] convId, long seq) throws IOException {
    List<JsonNode> events = new java.util.ArrayList<>();
    call("awaitSeq", client, "convId", convId, "seq", seq).get("events").forEach(events::add);
    return events;
  }

  private static Object encode(Object v) {
    if (v instanceof byte[] b) return Base64.getEncoder().encodeToString(b);
    if (v instanceof List<?> l) return l.stream().map(TsMlsGatewayPeer::encode).toList();
    return v;
  }

  static byte[] bytes(JsonNode n) { return Base64.getDecoder().decode(n.asText()); }

  @Override
  public void close() throws IOException {
    in.close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /// The peer refused a request; `code`, `reason` and `currentEpoch` (-1: none) are the gateway's
  /// when it was the gateway.
  static final class Failure extends IOException {
    final String code;
    final String reason;
    final long currentEpoch;

    Failure(String message, String code, String reason, long currentEpoch) {
      super(message);
      this.code = code;
      this.reason = reason;
      this.currentEpoch = currentEpoch;
    }
  }
}
