package io.wya.social.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/// social-node's own settings (`social.*`; env `SOCIAL_…`, e.g. `SOCIAL_ADMIN_TOKEN`). Every limit
/// has a safe default; secrets have none.
@ConfigMapping(prefix = "social")
public interface SocialConfig {
  Ingest ingest();

  RateLimit rateLimit();

  Cache cache();

  Cdn cdn();

  Kafka kafka();

  Query query();

  Admin admin();

  Challenge challenge();

  Database database();

  Search search();

  /// What `GET /version` reports as `sha` (set `SOCIAL_VERSION_SHA` at deploy time).
  @WithDefault("dev")
  String versionSha();

  interface Ingest {
    /// Upstream's MAX_POST_LENGTH: post text in UTF-8 bytes.
    @WithDefault("10000")
    int maxPostBytes();

    /// Events in one `POST /events` body (the client sends at most 20).
    @WithDefault("1000")
    int maxEventsPerBatch();

    /// Threads that parse and verify batches; `0` means one per core.
    @WithDefault("0")
    int verifyThreads();

    /// Batches that may wait for a verifying thread; beyond it `POST /events` answers 503
    /// `INGEST_BUSY` (bounds the request bodies held in memory).
    @WithDefault("256")
    int verifyQueue();

    /// Write transactions at once (group commit, ADR 0109); `0` means one per core, at least 2.
    /// Batches that arrive while all are busy wait and share the next free transaction.
    @WithDefault("0")
    int writeTransactions();

    /// While a write transaction runs, how long a batch waits for others to share the next one
    /// before a free slot starts it anyway (ADRs 0113, 0118); `0s` starts it at once. An idle node
    /// writes at once either way.
    @WithDefault("30ms")
    Duration writeGather();

    /// Events one shared write transaction takes from waiting batches (a larger batch runs alone).
    @WithDefault("500")
    int maxEventsPerTransaction();

    /// Verified batches that may wait for a write transaction; beyond it `POST /events` answers
    /// 503 `INGEST_BUSY` (bounds the batches held in memory while PostgreSQL is slow).
    @WithDefault("1024")
    int writeQueue();
  }

  interface RateLimit {
    @WithDefault("true")
    boolean enabled();

    /// Fixed window over which the counters below are kept.
    @WithDefault("60s")
    Duration window();

    /// `POST /events` requests per client address per window.
    @WithDefault("600")
    long ingestRequestsPerIp();

    /// Events ingested per system per window.
    @WithDefault("6000")
    long ingestEventsPerSystem();

    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    @WithDefault("false")
    boolean trustForwardedFor();
  }

  interface Cache {
    @WithDefault("true")
    boolean enabled();

    /// How long a cached read lives when nothing invalidates it first.
    @WithDefault("300s")
    Duration ttl();

    /// How long a scope's generation key lives after it was set, by an invalidation or by the
    /// first lookup that found none (ADR 0122): Redis then forgets scopes nobody reads or writes.
    /// Not shorter than `ttl` (checked at start), or entries would be orphaned before they expire.
    @WithDefault("600s")
    Duration generationTtl();

    /// How long this node serves a response from memory before asking Redis again; bounds how
    /// stale another node's ingest can leave it. `0s` turns the in-process layer off.
    @WithDefault("1s")
    Duration localTtl();

    /// Entries the in-process layer holds (it is emptied when full).
    @WithDefault("20000")
    int localMaxEntries();

    /// Prefix of every Redis key the node writes (caches and rate counters).
    @WithDefault("wya:social:")
    String keyPrefix();
  }

  interface Cdn {
    /// Add a surrogate-key header (Fastly `Surrogate-Key`, Varnish `xkey`, Cloudflare `Cache-Tag`).
    @WithDefault("false")
    boolean surrogateKeys();

    @WithDefault("Surrogate-Key")
    String surrogateKeyHeader();
  }

  interface Kafka {
    /// The topic of accepted events (ADR 0101).
    @WithDefault("polycentric.events")
    String topic();

    /// Create the topic when missing and keep every event in it (ADR 0105); `false` when the
    /// operator provisions it (it must still keep every event: ADR 0401).
    @WithDefault("true")
    boolean manageTopic();

    /// Partitions of the topic when the node creates it (records of one system share one).
    @WithDefault("6")
    int topicPartitions();

    /// Replication factor of the topic when the node creates it (1 fits a single local broker;
    /// use 3 on a cluster).
    @WithDefault("1")
    short topicReplication();

    /// Timeout of each Admin request that provisions the topic.
    @WithDefault("10s")
    Duration adminTimeout();

    /// Outbox rows sent per relay pass.
    @WithDefault("500")
    int relayBatch();

    /// Events whose SignedEvent is larger than this are stored but not published: Kafka's
    /// default record limit is 1 MiB (only blob sections come near it).
    @WithDefault("1000000")
    int maxRecordBytes();

    /// How long after an ingest the relay starts a pass, gathering the rows of concurrent ingests;
    /// after a pass that ingests overlapped, how long the next one waits (ADR 0115).
    @WithDefault("20ms")
    Duration relayDelay();

    /// How often the relay retries when nothing woke it.
    @WithDefault("1s")
    Duration relayInterval();
  }

  interface Query {
    /// Upper bound on `limit` for /query_index, /explore and /search (upstream has none).
    @WithDefault("1000")
    int maxLimit();

    /// Upper bound on events in one `GET /events` response.
    @WithDefault("2000")
    int maxEventsPerResponse();
  }

  interface Admin {
    /// The `authorization` header value `/censor` requires; `/censor` is disabled when unset.
    Optional<String> token();
  }

  interface Challenge {
    /// HMAC key of `/challenge`; a random key per start when unset (challenges are short-lived).
    Optional<String> key();

    /// How long a challenge may be answered with `/purge`.
    @WithDefault("5m")
    Duration ttl();
  }

  interface Database {
    String DEFAULT_STATEMENT_CACHE_SQL_LIMIT = "16384";

    /// Longest SQL text (characters) the reactive client keeps as a named prepared statement per
    /// connection. The client's own default (2,048) is shorter than the ingest statement, which
    /// PostgreSQL then parsed and planned again for every batch.
    @WithDefault(DEFAULT_STATEMENT_CACHE_SQL_LIMIT)
    int statementCacheSqlLimit();
  }

  interface Search {
    /// Words this node remembers as already in the fuzzy-search vocabulary (ADR 0108), so that the
    /// ingest does not send them again; a forgotten word costs one redundant insert.
    @WithDefault("100000")
    int knownWords();

    /// Longer words are searchable exactly but never fuzzily: they stay out of the vocabulary,
    /// which bounds its growth by URLs, hashes and other noise.
    @WithDefault("32")
    int maxFuzzyWordLength();

    /// Vocabulary words similar to one query word that the query is widened with (the most
    /// similar first, equally similar ones in word order); bounds the work of a query made of
    /// common words.
    @WithDefault("20")
    int maxSimilarWords();
  }
}
