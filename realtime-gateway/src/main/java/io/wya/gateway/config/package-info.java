/// The gateway's one validated configuration record, read from `GATEWAY_*` environment variables
/// (GATEWAY_SPEC §15, OPS-3). Every limit has a variable and a safe default for the local services.
package io.wya.gateway.config;
