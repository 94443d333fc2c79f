/// Probes behind Polycentric's `GET /health`; `/q/health/*` come from the Quarkus extensions.
package io.wya.social.health;
