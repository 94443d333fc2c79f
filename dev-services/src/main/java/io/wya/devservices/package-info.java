/// Local PostgreSQL, Redis and Kafka (and the two WYA services) as plain processes, for
/// development and for the test suite: no Docker engine is needed.
///
/// # What it owns
/// Everything under the state directory (`WYA_HOME`, default `<repo>/.wya`): extracted binaries,
/// data directories, logs and pid files. It starts only what is not already running, and `down`
/// stops only processes whose pid file it wrote and whose command line still matches.
///
/// # Invariants
/// * A service is reported up only after a real readiness check (a SQL query, a Redis `PING`,
///   a Kafka cluster description, an HTTP health probe), never after a sleep.
/// * A port held by anything else is an error that names the port and the variable that moves it.
/// * Service processes run in their own session (`setsid`), so a Ctrl-C in the terminal that ran
///   `./wya up` reaches the launcher's shutdown path instead of killing them half-way.
package io.wya.devservices;
