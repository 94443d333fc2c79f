/// One connection of one device as a state machine driven by frames (GATEWAY_SPEC §5, §8), the
/// per-loop delivery hub, the instance's session registry, and the dispatch table of operations
/// (new features register theirs in [io.wya.gateway.session.Operations]). Transport-free: a
/// [io.wya.gateway.session.FrameSink] is all it writes to.
///
/// # Invariants
/// * DLV-1 per conversation a session writes `Deliver` frames in strictly increasing `seq` order.
/// * SES-1 one session per device in the deployment.
/// * A session's state is touched only on its [io.wya.gateway.session.Loop].
package io.wya.gateway.session;
