/// The gateway's wire protocol as Java types: the record model of every frame
/// ([io.wya.gateway.protocol.ClientFrame], [io.wya.gateway.protocol.ServerFrame]), its codec
/// ([io.wya.gateway.protocol.FrameCodec] — the only class that touches the generated protobuf
/// classes in `io.wya.gateway.protocol.proto`), the error table
/// ([io.wya.gateway.protocol.ErrorCode]) and close codes ([io.wya.gateway.protocol.CloseCode]).
/// Normative text: GATEWAY_SPEC.md. No I/O; shared by the gateway, clients and load harnesses.
///
/// # Invariants
/// * FRM-1 bytes that are not a `Frame` decode to `MALFORMED_FRAME`.
/// * FRM-2 a frame without a known client operation decodes to `UNKNOWN_OPERATION`.
/// * FRM-4 identifiers are size-checked when constructed ([io.wya.gateway.protocol.UserId] 32,
///   [io.wya.gateway.protocol.DeviceId] 16, [io.wya.gateway.protocol.MsgId] 16,
///   [io.wya.gateway.protocol.ConvId] 16–64 bytes); violations decode to `INVALID_ARGUMENT`.
package io.wya.gateway.protocol;
