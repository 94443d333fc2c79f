package io.wya.client.chat;

import io.wya.mls.CommitBundle;
import io.wya.mls.GroupCreated;
import io.wya.mls.GroupView;
import io.wya.mls.KeyPackageOffer;
import io.wya.mls.MlsClient;
import io.wya.mls.MlsException;
import io.wya.mls.Processed;
import java.util.List;

/// The [MlsClient] calls chat makes, serialized across every client in the JVM.
///
/// BouncyCastle 1.84's `MlsCipherSuite.getSuite` hands every caller the same static suite object,
/// whose digest and AEAD instances carry state: two MLS clients working at the same time in one
/// JVM (two users in one test, a future multi-account client) corrupt each other's encryption and
/// decryption (seen as `DECRYPTION_FAILED` on messages that are fine). One client per process is
/// safe — `MlsClient` is synchronized — but this lock makes several safe as well.
final class SerializedMls {
  private static final Object BCMLS = new Object();

  private final MlsClient mls;

  SerializedMls(MlsClient mls) { this.mls = mls; }

  GroupCreated createGroup() throws MlsException {
    synchronized (BCMLS) {
      return mls.createGroup();
    }
  }

  CommitBundle addMembers(byte[] groupId, List<byte[]> keyPackages) throws MlsException {
    synchronized (BCMLS) {
      return mls.addMembers(groupId, keyPackages);
    }
  }

  Processed process(byte[] groupId, long seq, byte[] message) throws MlsException {
    synchronized (BCMLS) {
      return mls.process(groupId, seq, message);
    }
  }

  byte[] joinFromWelcome(byte[] welcome, long seq) throws MlsException {
    synchronized (BCMLS) {
      return mls.joinFromWelcome(welcome, seq);
    }
  }

  void forgetGroup(byte[] groupId) throws MlsException {
    synchronized (BCMLS) {
      mls.forgetGroup(groupId);
    }
  }

  byte[] encrypt(byte[] groupId, byte[] plaintext) throws MlsException {
    synchronized (BCMLS) {
      return mls.encrypt(groupId, plaintext);
    }
  }

  void discardPendingCommit(byte[] groupId) throws MlsException {
    synchronized (BCMLS) {
      mls.discardPendingCommit(groupId);
    }
  }

  CommitBundle externalJoin(byte[] groupInfo) throws MlsException {
    synchronized (BCMLS) {
      return mls.externalJoin(groupInfo);
    }
  }

  GroupView group(byte[] groupId) throws MlsException {
    synchronized (BCMLS) {
      return mls.group(groupId);
    }
  }

  KeyPackageOffer lastResortKeyPackage() throws MlsException {
    synchronized (BCMLS) {
      return mls.lastResortKeyPackage();
    }
  }

  List<KeyPackageOffer> replenishKeyPackages(int oneTimeOnGateway) throws MlsException {
    synchronized (BCMLS) {
      return mls.replenishKeyPackages(oneTimeOnGateway);
    }
  }
}
