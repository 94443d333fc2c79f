package io.wya.polycentric;

/// What identifies an event: (system, process, logical clock). First writer wins on this key.
public record EventKey(SystemKey system, ProcessId process, long logicalClock) {
  public EventKey {
    if (logicalClock < 0) throw new WireException("CLOCK_OUT_OF_RANGE", "logical clock above 2^63-1");
  }

  @Override public String toString() {
    return "event " + Base64Url.encode(system.key().toByteArray()) + "/" + java.util.HexFormat.of().formatHex(process.id().toByteArray())
        + "/" + logicalClock;
  }
}
