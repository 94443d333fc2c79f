package io.wya.gateway.contacts;

import io.wya.gateway.protocol.UserId;

/// Two users became contacts (`contacts` true) or stopped being contacts.
public record ContactFlip(UserId a, UserId b, boolean contacts) {
  /// The message published on the flips channel: `aHex|bHex|0|1`.
  public String encoded() { return a.hex() + "|" + b.hex() + "|" + (contacts ? "1" : "0"); }

  public static ContactFlip decode(String message) {
    String[] parts = message.split("\\|");
    if (parts.length != 3) throw new IllegalArgumentException("not a contact flip: " + message);
    return new ContactFlip(new UserId(java.util.HexFormat.of().parseHex(parts[0])), new UserId(java.util.HexFormat.of().parseHex(parts[1])),
        parts[2].equals("1"));
  }
}
