/// Where the MLS client keeps its state ([io.wya.mls.store.StateStore]): encrypted at rest in a
/// directory ([io.wya.mls.store.EncryptedFileStore], ADR 0302) or in memory
/// ([io.wya.mls.store.InMemoryStateStore]).
///
/// Invariants: no plaintext byte of a state blob is ever written to disk; every write replaces
/// a blob atomically (write, fsync, rename, fsync the directory); a blob authenticates its own
/// name; a wrong passphrase is `WRONG_PASSPHRASE`, a damaged blob `STATE_CORRUPT`, a second
/// process `STATE_LOCKED`.
package io.wya.mls.store;
