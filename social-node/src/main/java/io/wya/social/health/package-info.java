/// Polycentric's `GET /version` and `GET /health` and the probes behind the latter;
/// `/q/health/*` come from the Quarkus extensions.
package io.wya.social.health;
