package io.wya.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.wya.gateway.config.ConfigException;
import io.wya.gateway.config.ConfigLoader;
import io.wya.gateway.config.GatewayConfig;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/// `java -jar realtime-gateway.jar`: configuration from the environment (OPS-3), migrations,
/// then the instance. Exit code 2 for bad configuration, 1 for any other start failure.
public final class GatewayMain {
  private GatewayMain() {}

  public static void main(String[] args) throws InterruptedException {
    GatewayConfig config;
    try {
      config = ConfigLoader.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("realtime-gateway: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      PostgresMigrations.apply(config.stores().pgUri());
    } catch (RuntimeException e) {
      System.err.println("realtime-gateway: cannot migrate the database of GATEWAY_PG_URI: " + e.getMessage());
      System.exit(1);
      return;
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.server().eventLoops()));
    Gateway gateway;
    try {
      gateway = Gateway.start(vertx, config, Clock.systemUTC()).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("realtime-gateway: cannot start: " + e);
      vertx.close();
      System.exit(1);
      return;
    }
    System.out.println("realtime-gateway " + config.server().gatewayId() + " listening on " + config.server().httpHost() + ":"
        + gateway.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        gateway.stop().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("realtime-gateway: unclean stop: " + e);
      }
      try {
        vertx.close().await(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
      stopped.countDown();
    }, "gateway-stop"));
    stopped.await();
  }
}
