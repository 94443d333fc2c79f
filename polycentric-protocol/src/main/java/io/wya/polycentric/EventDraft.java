package io.wya.polycentric;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/// Every field of an `Event` before it is encoded and signed.
public record EventDraft(SystemKey system, ProcessId process, long logicalClock, long contentType, ByteString content,
                         List<Long> vectorClock, List<Index> indices, Optional<Lww.SetOperation> lwwElementSet,
                         Optional<Lww.Element> lwwElement, List<Reference> references, OptionalLong unixMilliseconds) {
  public EventDraft {
    vectorClock = List.copyOf(vectorClock);
    indices = List.copyOf(indices);
    references = List.copyOf(references);
  }
}
