package io.wya.mls.bc;

import java.util.concurrent.locks.ReentrantLock;

/// The one JVM-wide lock every call into bcmls holds.
///
/// bcmls 1.84 keeps one cipher-suite object per suite for the whole JVM
/// (`MlsCipherSuite.getSuite` returns static instances), and those objects own the digest, KDF,
/// AEAD and HPKE instances together with their working state. Two threads inside bcmls at once —
/// two clients in one process, a test with several users — corrupt each other's hashes and keys
/// (`DECRYPTION_FAILED`, `SIGNATURE_INVALID` on messages that are fine). Suite objects of our own
/// per engine would not be enough: bcmls's decoders, `Group` and TreeKEM fetch the shared ones
/// themselves. So the engine serialises itself: [BcEngine], [BcGroup] and [BcStagedCommit] take
/// this lock around everything that reaches bcmls (ADR 0305). Re-entrant, because engine methods
/// call each other.
final class BcLock implements AutoCloseable {
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static final BcLock HELD = new BcLock();

  private BcLock() {}

  /// Takes the lock; close the result (try-with-resources) to release it.
  static BcLock hold() {
    LOCK.lock();
    return HELD;
  }

  @Override public void close() { LOCK.unlock(); }
}
