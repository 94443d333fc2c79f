package io.wya.client.gateway;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/// Turns the lines of a `text/event-stream` into frames (GATEWAY_SPEC TRN-3): each event
/// `event: frame` carries one `data:` line with the standard base64 of a `Frame`; events of other
/// types and comments (`:` lines, e.g. keep-alives through proxies) are skipped. Feed it lines
/// without their line terminator.
public final class SseEventParser {
  private String event = "message";
  private final StringBuilder data = new StringBuilder();

  /// @return the frames completed by this line (at most one)
  /// @throws IllegalArgumentException when a frame's data is not base64
  public List<byte[]> line(String line) {
    if (line.isEmpty()) return dispatch();
    if (line.startsWith(":")) return List.of();
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) value = value.substring(1);
    switch (field) {
      case "event" -> event = value;
      case "data" -> {
        if (!data.isEmpty()) data.append('\n');
        data.append(value);
      }
      default -> { /* id, retry and unknown fields carry nothing for us */ }
    }
    return List.of();
  }

  private List<byte[]> dispatch() {
    try {
      if (event.equals("frame") && !data.isEmpty()) {
        List<byte[]> out = new ArrayList<>(1);
        out.add(Base64.getDecoder().decode(data.toString()));
        return out;
      }
      return List.of();
    } finally {
      event = "message";
      data.setLength(0);
    }
  }
}
