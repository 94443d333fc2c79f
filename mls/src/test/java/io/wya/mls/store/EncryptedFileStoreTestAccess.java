package io.wya.mls.store;

/// Test helpers of this package for tests elsewhere.
public final class EncryptedFileStoreTestAccess {
  private EncryptedFileStoreTestAccess() {}

  public static int indexOf(byte[] haystack, byte[] needle) {
    return EncryptedFileStoreTest.indexOf(haystack, needle);
  }
}
