package io.wya.polycentric;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.polycentric.proto.Delete;
import java.util.OptionalLong;

/// The content of a DELETE (1) event: which event of the same system it removes.
public record DeleteContent(ProcessId process, long logicalClock, OptionalLong unixMilliseconds, long contentType) {
  /// @throws WireException `INVALID_DELETE` unless `content` is a `Delete` with a 16-byte process,
  ///     indices and in-range numbers
  public static DeleteContent parse(ByteString content) {
    Delete delete;
    try {
      delete = Delete.parseFrom(content);
    } catch (InvalidProtocolBufferException e) {
      throw new WireException("INVALID_DELETE", "content is not a Delete message");
    }
    if (!delete.hasProcess() || delete.getProcess().getProcess().size() != ProcessId.SIZE) {
      throw new WireException("INVALID_DELETE", "Delete.process must be 16 bytes");
    }
    if (!delete.hasIndices()) throw new WireException("INVALID_DELETE", "Delete.indices is missing");
    if (delete.getLogicalClock() < 0 || delete.getUnixMilliseconds() < 0) {
      throw new WireException("INVALID_DELETE", "Delete numbers above 2^63-1");
    }
    return new DeleteContent(ProcessId.fromProto(delete.getProcess()), delete.getLogicalClock(),
        delete.hasUnixMilliseconds() ? OptionalLong.of(delete.getUnixMilliseconds()) : OptionalLong.empty(), delete.getContentType());
  }
}
