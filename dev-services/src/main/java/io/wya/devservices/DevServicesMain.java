package io.wya.devservices;

import java.util.Arrays;
import java.util.List;

/// `services up|down|status [name...]` and `apps up|down|status [name...]`; `./wya` calls this.
public final class DevServicesMain {
  private DevServicesMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: (services|apps) (up|down|status) [name...]");
      return 2;
    }
    try {
      Stack stack = new Stack(Settings.fromEnvironment(), System.out);
      Stack.Group group = switch (args[0]) {
        case "services" -> Stack.Group.SERVICES;
        case "apps" -> Stack.Group.APPS;
        default -> throw new LauncherException("unknown group '" + args[0] + "' (services or apps)");
      };
      List<LocalService> selected = stack.select(group, Arrays.asList(args).subList(2, args.length));
      return switch (args[1]) {
        case "up" -> { stack.up(selected); yield 0; }
        case "down" -> { stack.down(selected); yield 0; }
        case "status" -> stack.status(selected) ? 0 : 3;
        default -> throw new LauncherException("unknown command '" + args[1] + "' (up, down or status)");
      };
    } catch (LauncherException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
  }
}
