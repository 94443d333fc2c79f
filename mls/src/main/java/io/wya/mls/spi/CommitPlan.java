package io.wya.mls.spi;

import java.util.List;

/// What a Commit of ours should do. Proposals already received in the epoch are always
/// committed as well (by reference), as RFC 9420 §12.4 recommends.
///
/// @param addKeyPackages KeyPackage `MLSMessage`s (already validated by the facade) to add by value
/// @param removeLeaves   leaf indices (not roster positions) to remove by value
/// @param updatePath     include an UpdatePath even when no proposal requires one (key rotation)
public record CommitPlan(List<byte[]> addKeyPackages, List<Integer> removeLeaves, boolean updatePath) {
  public CommitPlan {
    addKeyPackages = List.copyOf(addKeyPackages);
    removeLeaves = List.copyOf(removeLeaves);
  }
}
