package io.wya.mls;

import io.wya.mls.wire.ContentType;
import io.wya.mls.wire.MlsMessage;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.PrivateMessage;
import io.wya.mls.wire.PublicMessage;
import java.util.ArrayList;
import java.util.List;

/// The ordering rules of the gateway for one conversation, in memory, for the library's own
/// tests (the real gateway is another module and has its own tests of SEQ-1, EPOCH-1…4 and
/// COMMIT-3): a `seq`-ordered log, one Commit per epoch (a stale one is refused), application
/// messages of the current or previous epoch, Welcomes released only with their Commit.
public final class OrderingLog {
  public record Entry(long seq, byte[] message, boolean welcome) {}

  /// `STALE_EPOCH` / `FUTURE_EPOCH` of the gateway.
  public static final class Refused extends Exception {
    final long currentEpoch;

    Refused(String why, long currentEpoch) {
      super(why + " (current epoch " + currentEpoch + ")");
      this.currentEpoch = currentEpoch;
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private long epoch;

  public long epoch() { return epoch; }

  /// Accepts a message or a Commit bundle; returns its seq.
  public synchronized long send(byte[] message) throws Refused {
    return send(message, null);
  }

  public synchronized long send(CommitBundle bundle) throws Refused {
    return send(bundle.commit(), bundle.welcome().orElse(null));
  }

  private long send(byte[] message, byte[] welcome) throws Refused {
    MlsMessage parsed;
    try {
      parsed = MlsWire.parseMessage(message);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    long messageEpoch = parsed instanceof PublicMessage p ? p.epoch() : ((PrivateMessage) parsed).epoch();
    ContentType type = parsed instanceof PublicMessage p ? p.contentType() : ((PrivateMessage) parsed).contentType();
    if (type == ContentType.APPLICATION) {
      if (messageEpoch + 1 < epoch) throw new Refused("EPOCH_TOO_OLD", epoch);
    } else {
      if (messageEpoch < epoch) throw new Refused("STALE_EPOCH", epoch);
      if (messageEpoch > epoch) throw new Refused("FUTURE_EPOCH", epoch);
    }
    long seq = entries.size() + 1;
    entries.add(new Entry(seq, message, false));
    if (type == ContentType.COMMIT) {
      epoch++;
      if (welcome != null) {
        entries.add(new Entry(seq, welcome, true));
      }
    }
    return seq;
  }

  /// Everything after `cursor` (the Welcome entries are delivered only to their recipients,
  /// by the test).
  public synchronized List<Entry> after(long cursor) {
    return entries.stream().filter(e -> e.seq() > cursor && !e.welcome()).toList();
  }

  /// The Welcome released with the Commit at `seq`.
  public synchronized byte[] welcomeAt(long seq) {
    return entries.stream().filter(e -> e.seq() == seq && e.welcome()).findFirst().orElseThrow().message();
  }
}
