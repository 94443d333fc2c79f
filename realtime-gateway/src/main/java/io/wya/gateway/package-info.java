/// The realtime gateway: the MLS Delivery Service of WYA (GATEWAY_SPEC.md). [io.wya.gateway.GatewayMain]
/// reads the configuration, migrates the schema and starts one [io.wya.gateway.Gateway] instance
/// (the composition root: wiring only). Features live in the subpackages; ADR 0200 describes the
/// shape.
package io.wya.gateway;
