package io.wya.polycentric;

import com.google.protobuf.ByteString;
import io.wya.polycentric.proto.Process;
import java.security.SecureRandom;

/// One device or installation of a system: 16 random bytes.
///
/// @param id the 16 bytes
public record ProcessId(ByteString id) {
  public static final int SIZE = 16;

  public ProcessId {
    if (id.size() != SIZE) throw new WireException("INVALID_PROCESS", "process must be 16 bytes, got " + id.size());
  }

  public static ProcessId of(byte[] id) { return new ProcessId(ByteString.copyFrom(id)); }

  public static ProcessId random(SecureRandom random) {
    byte[] id = new byte[SIZE];
    random.nextBytes(id);
    return of(id);
  }

  public static ProcessId fromProto(Process proto) { return new ProcessId(proto.getProcess()); }

  public Process toProto() { return Process.newBuilder().setProcess(id).build(); }

  @Override public String toString() { return "ProcessId[" + java.util.HexFormat.of().formatHex(id.toByteArray()) + "]"; }
}
