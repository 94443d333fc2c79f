/// social-node load harnesses: ingest throughput beside the bare Ed25519 verify ceiling, and
/// cached reads beside a bare Vert.x server returning the same bytes, each pair in one run.
package io.wya.bench.social;
