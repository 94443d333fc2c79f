package io.wya.bench.social;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;

/// The baseline: a Vert.x HTTP server that answers every request with the same bytes and the
/// same headers the node sends for a cached read, on the same transport as the node (epoll where
/// it loads). `java … BareBytesServer <port> <body file>`.
public final class BareBytesServer {
  private BareBytesServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
    String etag = args.length > 2 ? args[2] : "\"bench\"";
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    System.out.println("transport: " + (vertx.isNativeTransportEnabled() ? "native" : "NIO"));
    int loops = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < loops; i++) {
      vertx.createHttpServer().requestHandler(req -> req.response()
          .putHeader("Content-Type", "application/octet-stream")
          .putHeader("Cache-Control", "public, s-maxage=3600, max-age=5")
          .putHeader("ETag", etag)
          .putHeader("Access-Control-Allow-Origin", "*")
          .end(body)).listen(port, "127.0.0.1").await();
    }
    System.out.println("ready");
  }
}
