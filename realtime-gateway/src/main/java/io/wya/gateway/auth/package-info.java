/// Device authentication bound to the Polycentric identity (GATEWAY_SPEC §5.1): the Ed25519 proof
/// over the connection's challenge, device registration (`devices`), single-use resume tokens in
/// Redis.
package io.wya.gateway.auth;
