package io.wya.gateway.contacts;

import io.wya.gateway.protocol.UserId;

/// One change to the social graph, taken from a verified Polycentric event of `owner`.
public sealed interface GraphOp {
  UserId owner();

  EdgeKind kind();

  /// A FOLLOW or BLOCK element-set operation: add or remove `target`.
  record SetEdge(UserId owner, EdgeKind kind, UserId target, EdgeValue value) implements GraphOp {
    /// The field of this edge in the owner's edge map: the kind's letter and the target in hex.
    public String field() { return kind.letter() + target.hex(); }
  }

  /// A Polycentric DELETE of one of `owner`'s FOLLOW or BLOCK events, named by its coordinates
  /// (`process|clock`): the edge whose current winner is that event becomes absent.
  record DeleteEdge(UserId owner, EdgeKind kind, String coordinates) implements GraphOp {}
}
