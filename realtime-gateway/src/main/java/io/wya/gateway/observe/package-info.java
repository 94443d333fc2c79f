/// Health against the real dependencies and Prometheus metrics (GATEWAY_SPEC §15, OPS-1, OPS-2).
package io.wya.gateway.observe;
