package io.wya.mls.bc;

import java.io.IOException;
import org.bouncycastle.mls.codec.Extension;
import org.bouncycastle.mls.codec.ExtensionType;
import org.bouncycastle.mls.codec.MLSOutputStream;

/// An extension whose type bcmls 1.84 cannot hold (mls-notes B3: `ExtensionType` is a closed
/// enum indexed by ordinal, so type 10 `last_resort` decodes as GREASE 0x4A4A and types above 20
/// throw). Kept as the type and bytes received and written back verbatim, so every signature,
/// KeyPackageRef and transcript hash bcmls computes over it covers the real bytes. Used only for
/// KeyPackage extensions, which bcmls never interprets ([BcExtensions]).
final class VerbatimExtension extends Extension {
  private final int type;

  VerbatimExtension(int type, byte[] data) {
    super(ExtensionType.RESERVED, data.clone());
    this.type = type;
  }

  /// The u16 extension type on the wire.
  int type() { return type; }

  @Override
  public void writeTo(MLSOutputStream stream) throws IOException {
    stream.write((short) type);
    stream.writeOpaque(extension_data);
  }
}
