/// The engine contract of the MLS library: what an MLS implementation must provide for
/// [io.wya.mls.MlsClient] to drive it ([io.wya.mls.spi.MlsEngine], [io.wya.mls.spi.EngineGroup],
/// [io.wya.mls.spi.StagedCommit]). Engines: [io.wya.mls.bc.BcEngine] (BouncyCastle bcmls 1.84);
/// an OpenMLS engine over FFM (module `mls-native`) would implement the same interfaces.
///
/// Invariants every engine keeps: it never decodes bytes that `mls-wire` has not parsed; staging
/// a Commit changes nothing; a failed call changes nothing observable; state blobs are secret
/// and are only ever written to disk encrypted (by [io.wya.mls.store]).
package io.wya.mls.spi;
