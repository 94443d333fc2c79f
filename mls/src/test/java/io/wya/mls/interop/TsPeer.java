package io.wya.mls.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.concurrent.TimeUnit;

/// The ts-mls peer (`src/test/js/ts-peer.mjs`) as a child process: installed with `npm ci` into
/// a work directory under `target/`, then spoken to in JSON lines. One process can hold several
/// ts-mls clients.
final class TsPeer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] FILES = {"package.json", "package-lock.json", "ts-peer.mjs"};

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private int nextId = 1;

  private TsPeer(Process process) {
    this.process = process;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /// Installs the peer (once per work directory) and starts it.
  static TsPeer start() throws IOException, InterruptedException {
    Path source = Path.of(System.getProperty("wya.mls.peer.dir", "src/test/js"));
    Path work = Path.of(System.getProperty("wya.mls.peer.work", "target/ts-peer"));
    Files.createDirectories(work);
    boolean fresh = !Files.isDirectory(work.resolve("node_modules"))
        || !Files.exists(work.resolve("package-lock.json"))
        || Files.mismatch(source.resolve("package-lock.json"), work.resolve("package-lock.json")) != -1;
    for (String f : FILES) Files.copy(source.resolve(f), work.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    if (fresh) run(work, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
    Process p = new ProcessBuilder("node", "ts-peer.mjs").directory(work.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new TsPeer(p);
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed in " + dir + ":\n" + output);
    }
  }

  /// Sends one request; returns the response, or throws [Failure] with the peer's error.
  synchronized JsonNode call(String op, String client, Object... args) throws IOException {
    ObjectNode req = JSON.createObjectNode().put("id", nextId++).put("op", op).put("client", client);
    for (int i = 0; i < args.length; i += 2) req.set((String) args[i], JSON.valueToTree(encode(args[i + 1])));
    in.write(JSON.writeValueAsString(req));
    in.newLine();
    in.flush();
    String line = out.readLine();
    if (line == null) throw new IOException("the ts-mls peer exited");
    JsonNode res = JSON.readTree(line);
    if (!res.path("ok").asBoolean()) throw new Failure(op + ": " + res.path("error").asText());
    return res;
  }

  private static Object encode(Object v) {
    if (v instanceof byte[] b) return b64(b);
    if (v instanceof java.util.List<?> l) return l.stream().map(TsPeer::encode).toList();
    return v;
  }

  static String b64(byte[] b) { return Base64.getEncoder().encodeToString(b); }

  static byte[] bytes(JsonNode n) { return Base64.getDecoder().decode(n.asText()); }

  /// Ends the peer: closes its input (it exits when stdin ends), then kills it if it does not.
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

  /// The peer refused a request (its message says why).
  static final class Failure extends IOException {
    Failure(String message) { super(message); }
  }
}
