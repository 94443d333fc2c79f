package io.wya.mls.wire;

/// Caps applied before and while parsing untrusted bytes.
///
/// @param maxMessageBytes inputs longer than this are rejected with
///                        [MlsWireException.Reason#TOO_LARGE] before a single byte is read
public record MlsLimits(int maxMessageBytes) {
  /// 1 MiB: far above any real MLS message of a WYA conversation, far below harm.
  public static final MlsLimits DEFAULT = new MlsLimits(1 << 20);

  public MlsLimits {
    if (maxMessageBytes <= 0) throw new IllegalArgumentException("maxMessageBytes must be positive");
  }
}
