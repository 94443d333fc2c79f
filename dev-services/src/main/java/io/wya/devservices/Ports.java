package io.wya.devservices;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/// Loopback port probes.
final class Ports {
  private Ports() {}

  static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /// Fails with a message naming the port and the variable that moves it when something that is
  /// not ours already holds it.
  static void requireFree(int port, String service, String variable) {
    if (!canBind(port) || isListening(port)) {
      throw new LauncherException("port " + port + " (" + service + ") is already in use by another process;"
          + " stop that process or choose another port with " + variable + "=<port>");
    }
  }
}
