package io.wya.social.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.Test;

/// The node ships Netty's epoll library for Linux x86-64 and aarch64 and asks Vert.x for it
/// (`quarkus.vertx.prefer-native-transport`); a library that does not load (another CPU, musl) leaves
/// the node on NIO. On the platforms it ships for, the event loops must really run on epoll, or the
/// dependency and the setting silently do nothing.
@QuarkusTest
class NativeTransportIT {
  @Inject Vertx vertx;

  @Test void eventLoopsRunOnEpollWhereTheLibraryShips() {
    boolean shipped = System.getProperty("os.name").equals("Linux") && Set.of("amd64", "aarch64").contains(System.getProperty("os.arch"));
    assumeTrue(shipped, "epoll is only shipped for Linux x86-64 and aarch64; this JVM runs on "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    assertThat(Epoll.unavailabilityCause()).as("the epoll library loads").isNull();
    assertThat(vertx.isNativeTransportEnabled()).as("Vert.x runs its event loops on the native transport").isTrue();
  }
}
