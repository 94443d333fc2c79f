package io.wya.client.social;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.store.proto.StoredIndex;
import io.wya.client.store.proto.StoredProcessState;
import io.wya.client.vault.RecordStore;
import io.wya.polycentric.Index;
import io.wya.polycentric.ProcessState;

/// Persists this process's [ProcessState] (record `social/process-state`): the next logical clock
/// must never be reused, so the state is written before the event it produced is stored or sent.
public final class ProcessStateStore {
  static final String RECORD = "social/process-state";

  private final RecordStore store;

  public ProcessStateStore(RecordStore store) { this.store = store; }

  public ProcessState load() {
    return store.read(RECORD).map(bytes -> {
      try {
        StoredProcessState s = StoredProcessState.parseFrom(bytes);
        return new ProcessState(s.getLogicalClock(),
            s.getLatestByTypeList().stream().map(i -> new Index(i.getIndexType(), i.getLogicalClock())).toList(), s.getVectorClockList());
      } catch (InvalidProtocolBufferException e) {
        throw new ClientException(ClientError.STATE_CORRUPT, "the process state record does not decode", e);
      }
    }).orElse(ProcessState.INITIAL);
  }

  public void save(ProcessState state) {
    StoredProcessState.Builder s = StoredProcessState.newBuilder().setLogicalClock(state.logicalClock()).addAllVectorClock(state.vectorClock());
    for (Index i : state.latestByType()) s.addLatestByType(StoredIndex.newBuilder().setIndexType(i.indexType()).setLogicalClock(i.logicalClock()));
    store.write(RECORD, s.build().toByteArray());
  }
}
