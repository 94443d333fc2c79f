/// How a rejected request travels inside the gateway: a [io.wya.gateway.outcome.Rejection]
/// carrying the `Error` frame of GATEWAY_SPEC §10 (ERR-1). Depends on nothing but the protocol.
package io.wya.gateway.outcome;
