/// Test support for suites that run against the real local services.
///
/// Tests never mock PostgreSQL, Redis or Kafka: they use the processes `./wya services up`
/// started (or start them through that script), and isolate themselves by name: a fresh database
/// per suite ([LocalServices#freshDatabase]), unique topic names and Redis key prefixes
/// ([LocalServices#uniqueName]).
package io.wya.testkit;
