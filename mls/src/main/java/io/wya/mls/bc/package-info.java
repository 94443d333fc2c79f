/// The BouncyCastle bcmls 1.84 engine ([io.wya.mls.bc.BcEngine], ADR 0300).
///
/// Where each bcmls 1.84 defect (mls-notes B1–B12, and B13 found later) is handled:
/// * [io.wya.mls.bc.BcCommitter] — our Commits, from bcmls's steps: one-member groups (B1),
///   verbatim KeyPackage extensions (B3), removes by leaf index (B7), by value (B8);
/// * [io.wya.mls.bc.BcDecode], [io.wya.mls.bc.BcWelcomes], [io.wya.mls.bc.BcExternalJoins] — the
///   only door to bcmls's decoder, behind mls-wire's strict parse (B4), plus the signature checks
///   bcmls skips (B5);
/// * [io.wya.mls.bc.BcMessages], [io.wya.mls.bc.EpochKeys] — authentication and decryption over
///   the received bytes, previous epoch included (B4, B5, B11);
/// * [io.wya.mls.bc.BcGroup] — removal detection (B6);
/// * [io.wya.mls.bc.BcExtensions], [io.wya.mls.bc.VerbatimExtension] — extension types (B3);
/// * [io.wya.mls.bc.BcKeyPackages] — bounded lifetimes, real `last_resort` (B9, B3);
/// * [io.wya.mls.bc.BcStateCodec], [io.wya.mls.bc.BcReflect] — saving a group (B2, ADR 0301);
/// * [io.wya.mls.bc.BcErrors] — typed errors (B12);
/// * [io.wya.mls.bc.BcLock] — one JVM-wide lock around every bcmls call, whose cipher-suite
///   objects are shared, stateful singletons (B13, ADR 0305).
///
/// Invariant: no bcmls decoder runs on bytes mls-wire has not parsed, and every decoded object
/// re-encodes to exactly those bytes (`DecoderDoorTest`).
package io.wya.mls.bc;
