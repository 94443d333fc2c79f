package io.wya.social.sync;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/// Response bodies assembled from stored `SignedEvent` bytes without decoding them: an `Events`
/// (or any message whose fields are repeated `SignedEvent`s) is each event as a length-delimited
/// field, in a stable order.
final class WireBodies {
  private WireBodies() {}

  /// `Events { repeated SignedEvent events = 1; }`
  static byte[] events(List<ByteString> signedEvents) { return fields(signedEvents, List.of()); }

  /// `QueryIndexResponse { repeated SignedEvent events = 1; repeated SignedEvent proof = 2; }`
  static byte[] fields(List<ByteString> field1, List<ByteString> field2) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buffer);
    try {
      for (ByteString e : field1) out.writeBytes(1, e);
      for (ByteString e : field2) out.writeBytes(2, e);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }
}
