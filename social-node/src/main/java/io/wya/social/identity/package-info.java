/// Handles (`/claim_handle`, `/resolve_handle`, Hibernate Reactive) and account purge proven by a
/// signed, expiring challenge (`/challenge`, `/purge`).
package io.wya.social.identity;
