package io.wya.gateway.testing;

import io.wya.mls.wire.MlsWire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.mls.TreeKEM.LeafIndex;
import org.bouncycastle.mls.codec.MLSInputStream;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.codec.MLSOutputStream;
import org.bouncycastle.mls.codec.Proposal;
import org.bouncycastle.mls.codec.WireFormat;
import org.bouncycastle.mls.crypto.Secret;
import org.bouncycastle.mls.protocol.Group;

/// One device's state in one MLS group (BouncyCastle bcmls 1.84), with the client rule the
/// gateway relies on: a device applies its own Commit only once the gateway delivered it back
/// (echo-before-apply, GATEWAY_SPEC §7.4).
public final class MlsGroup {
  /// A Commit with its Welcome (null when it adds nobody) and the new epoch's GroupInfo.
  public record Bundle(byte[] commit, byte[] welcome, byte[] groupInfo) {}

  /// bcmls 1.84 shares one AEAD object per cipher suite across all groups and it is not
  /// thread-safe ("GCM cipher cannot be reused"): every BouncyCastle call takes this lock.
  static final Object BC = new Object();

  private final MlsDevice device;
  private Group group;
  private Group pending;

  MlsGroup(MlsDevice device, Group group) {
    this.device = device;
    this.group = group;
  }

  public MlsDevice device() { return device; }

  public byte[] groupId() { return group.getGroupID(); }

  public long epoch() { return group.getEpoch(); }

  public int leaf() { return group.getIndex().value(); }

  /// The current GroupInfo (`MLSMessage` bytes), with the ratchet tree inline.
  public byte[] groupInfo() {
    synchronized (BC) {
      try {
        return MLSOutputStream.encode(group.getGroupInfo(true));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /// A Commit adding the devices of these claimed KeyPackages (`MLSMessage` bytes).
  public Bundle commitAdd(List<byte[]> claimedKeyPackages) {
    try {
      List<Proposal> adds = new ArrayList<>();
      for (byte[] kp : claimedKeyPackages) adds.add(Proposal.add(MlsDevice.decodeKeyPackage(kp)));
      return commit(adds, false);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /// An Add proposal (PublicMessage) for the device of this claimed KeyPackage.
  public byte[] proposeAdd(byte[] claimedKeyPackage) {
    synchronized (BC) {
      try {
        return MLSOutputStream.encode(group.add(MlsDevice.decodeKeyPackage(claimedKeyPackage), new Group.MessageOptions(false, new byte[0], 0)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /// Caches a proposal delivered by the gateway (its own included: bcmls does not cache what
  /// it sends, mls-notes B8), for a later Commit by reference.
  public void handleProposal(byte[] proposal) {
    synchronized (BC) {
      try {
        MlsWire.parseMessage(proposal);
        Group next = group.handle(proposal, null);
        if (next != null) throw new IllegalStateException("a proposal changed the epoch");
      } catch (IllegalStateException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /// A Commit of the cached proposals, by reference.
  public Bundle commitPending() {
    return commit(List.of(), false);
  }

  /// A Commit removing the member at `leaf`.
  public Bundle commitRemove(int leaf) {
    return commit(List.of(Proposal.remove(new LeafIndex(leaf))), false);
  }

  /// A Commit with an UpdatePath and no proposals (a key refresh).
  public Bundle commitUpdate() {
    return commit(List.of(), true);
  }

  private Bundle commit(List<Proposal> proposals, boolean forcePath) {
    synchronized (BC) {
      try {
        Group.GroupWithMessage result = group.commit(new Secret(MlsDevice.random(32)),
            new Group.CommitOptions(proposals, true, forcePath, new Group.LeafNodeOptions()), new Group.MessageOptions(false, new byte[0], 0),
            new Group.CommitParameters(Group.NORMAL_COMMIT_PARAMS));
        pending = result.group;
        byte[] welcome = null;
        if (result.message.welcome != null) {
          MLSMessage w = new MLSMessage(WireFormat.mls_welcome);
          w.welcome = result.message.welcome;
          welcome = MLSOutputStream.encode(w);
          // bcmls attaches a Welcome to every Commit; one without recipients is not sent (COMMIT-2)
          if (((io.wya.mls.wire.Welcome) MlsWire.parseMessage(welcome)).recipients().isEmpty()) welcome = null;
        }
        return new Bundle(MLSOutputStream.encode(result.message), welcome, MLSOutputStream.encode(result.group.getGroupInfo(true)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /// The gateway delivered this device's own Commit: move to the new epoch.
  public void applyOwnCommit() {
    if (pending == null) throw new IllegalStateException("no Commit pending");
    group = pending;
    pending = null;
  }

  /// The gateway refused this device's Commit (another won the epoch): drop it.
  public void discardPending() { pending = null; }

  /// Processes another member's Commit (delivered by the gateway).
  public void handleCommit(byte[] commit) {
    synchronized (BC) {
      try {
        MlsWire.parseMessage(commit);
        group = group.handle(commit, null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /// An application message (PrivateMessage bytes).
  public byte[] protect(String text) {
    synchronized (BC) {
      try {
        return MLSOutputStream.encode(group.protect(new byte[0], text.getBytes(StandardCharsets.UTF_8), 0));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /// Decrypts an application message delivered by the gateway.
  public String unprotect(byte[] message) {
    synchronized (BC) {
      try {
        MlsWire.parseMessage(message);
        MLSMessage m = (MLSMessage) MLSInputStream.decode(message, MLSMessage.class);
        return new String(group.unprotect(m)[1], StandardCharsets.UTF_8);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
