/// HTTP, WebSocket and SSE (GATEWAY_SPEC §3): the checks before a session starts, the sinks, SSE
/// stream routing, and the event-loop verticle. The only package that touches `io.vertx.core.http`.
package io.wya.gateway.transport;
