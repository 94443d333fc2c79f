package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import java.io.IOException;
import org.bouncycastle.mls.codec.MLSInputStream;
import org.bouncycastle.mls.codec.MLSOutputStream;

/// The only door through which peer bytes reach bcmls's decoder (mls-notes B4: bcmls 1.84
/// pre-allocates declared lengths and accepts trailing bytes). Callers pass bytes that
/// `mls-wire` has already parsed strictly; after decoding (and any [BcExtensions] fix-up), the
/// object's re-encoding must equal the input byte for byte, so whatever bcmls signs, hashes or
/// MACs over it is exactly what the peer sent.
final class BcDecode {
  private BcDecode() {}

  /// Decodes `bytes` as `type`. The caller has parsed them with mls-wire.
  static <T> T decode(byte[] bytes, Class<T> type, String what) throws MlsException {
    try {
      return type.cast(MLSInputStream.decode(bytes, type));
    } catch (IOException | RuntimeException e) {
      throw new MlsException(MlsError.INTERNAL, "bcmls rejected a " + what + " that mls-wire accepted: " + e, e);
    }
  }

  /// Fails unless `decoded` re-encodes to exactly `original`.
  static void requireExactReencoding(Object decoded, byte[] original, String what) throws MlsException {
    byte[] again = encode(decoded, what);
    if (!java.util.Arrays.equals(again, original)) {
      int at = java.util.Arrays.mismatch(again, original);
      throw new MlsException(MlsError.UNSUPPORTED_FEATURE, "bcmls 1.84 cannot represent this " + what
          + " exactly (its re-encoding differs at byte " + at + ")");
    }
  }

  static byte[] encode(Object value, String what) throws MlsException {
    try {
      return MLSOutputStream.encode(value);
    } catch (IOException | RuntimeException e) {
      throw new MlsException(MlsError.INTERNAL, "bcmls cannot encode a " + what + ": " + e, e);
    }
  }
}
