package io.wya.gateway.contacts;

import io.wya.polycentric.ContentType;

/// The two Polycentric element sets the projection keeps: whom a system follows and whom it
/// blocks. The letter prefixes the edge's field in the store.
public enum EdgeKind {
  FOLLOW('f', ContentType.FOLLOW),
  BLOCK('b', ContentType.BLOCK);

  private final char letter;
  private final long contentType;

  EdgeKind(char letter, long contentType) {
    this.letter = letter;
    this.contentType = contentType;
  }

  public char letter() { return letter; }

  public long contentType() { return contentType; }

  /// True when this operation narrows who sees whom: an unfollow, or a block. Ties on the LWW
  /// time are resolved towards it (ADR 0402).
  public boolean restrictive(boolean add) { return this == FOLLOW ? !add : add; }

  /// The kind of a Polycentric content type, or null when it is neither FOLLOW nor BLOCK.
  public static EdgeKind of(long contentType) {
    for (EdgeKind k : values()) if (k.contentType == contentType) return k;
    return null;
  }
}
