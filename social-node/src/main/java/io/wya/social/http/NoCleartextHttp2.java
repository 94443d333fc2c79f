package io.wya.social.http;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/// The plain-HTTP listener refuses `Upgrade: h2c`, as the gateway does (ADR 0212): behind a CDN
/// or proxy that forwards the upgrade, an h2c connection would carry requests the proxy never
/// saw (request smuggling past its rules and caches). HTTP/2 over TLS, negotiated by ALPN, is
/// unaffected.
@ApplicationScoped
public class NoCleartextHttp2 implements HttpServerOptionsCustomizer {
  @Override public void customizeHttpServer(HttpServerOptions options) { options.setHttp2ClearTextEnabled(false); }
}
