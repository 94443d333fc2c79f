/// Reading the logs per device: memberships, windows, reads clamped to the stored window, ack
/// cursors, retention (GATEWAY_SPEC §8). The entry model ([io.wya.gateway.mailbox.Entry],
/// [io.wya.gateway.mailbox.EntryEvent]) is shared by the conversation, session and fan-out packages.
///
/// # Invariants
/// * RET-1 an entry is deleted only when every member device whose window contains it acked it
///   and it is older than the minimum age, or when it is older than the maximum age.
/// * A read never returns an entry outside the device's window as stored (SES-2).
package io.wya.gateway.mailbox;
