/// The WYA client MLS library (RFC 9420): [io.wya.mls.MlsClient] over an engine
/// ([io.wya.mls.spi]), state in a [io.wya.mls.store.StateStore].
///
/// A device: [io.wya.mls.MlsClient#create] once, [io.wya.mls.MlsClient#open] afterwards.
/// KeyPackages: `newKeyPackages`, `lastResortKeyPackage`, `replenishKeyPackages` (on the
/// gateway's low-pool signal). Groups: `createGroup`, `addMembers` (all devices of a user, or
/// one), `removeUser` / `removeDevice`, `update`, `leave`, `commitPendingProposals`,
/// `externalJoin`, `joinFromWelcome`; every Commit comes back as a [io.wya.mls.CommitBundle] to
/// send and is applied only when [io.wya.mls.MlsClient#process] sees it delivered back.
/// Messages: `encrypt`, and `process` for everything the gateway delivers, in `seq` order.
///
/// Invariants: every untrusted byte passes `mls-wire`'s strict parser before any MLS decoder;
/// state changes are saved atomically with the `seq` that caused them; an exception means
/// nothing was consumed or changed; errors carry an [io.wya.mls.MlsError] code.
package io.wya.mls;
