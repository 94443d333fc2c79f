package io.wya.gateway.config;

import java.time.Duration;
import java.util.Set;

/// Every setting of the gateway, validated (GATEWAY_SPEC §15, OPS-3). Built only by
/// [ConfigLoader] from environment variables; the variable of each field is named in its group's
/// documentation. Invalid combinations fail in the compact constructors, naming the variable.
public record GatewayConfig(Server server, Stores stores, Mls mls, KeyPackages keyPackages, Sessions sessions,
                            Limits limits, Delivery delivery, PresenceConfig presence) {
  public GatewayConfig {
    if (presence.leaseTtl().compareTo(sessions.heartbeatInterval()) <= 0) {
      throw new ConfigException("GATEWAY_PRESENCE_LEASE_TTL", "must be longer than GATEWAY_HEARTBEAT_INTERVAL (PRS-5)");
    }
  }

  /// `GATEWAY_ID`, `GATEWAY_HTTP_HOST`, `GATEWAY_HTTP_PORT` (0 = any free port), `GATEWAY_EVENT_LOOPS`.
  public record Server(String gatewayId, String httpHost, int httpPort, int eventLoops) {
    public Server {
      if (!gatewayId.matches("[A-Za-z0-9_.-]{1,64}")) throw new ConfigException("GATEWAY_ID", "must match [A-Za-z0-9_.-]{1,64}");
      if (httpPort < 0 || httpPort > 65535) throw new ConfigException("GATEWAY_HTTP_PORT", "must be 0-65535");
      if (eventLoops < 1 || eventLoops > 256) throw new ConfigException("GATEWAY_EVENT_LOOPS", "must be 1-256");
    }
  }

  /// `GATEWAY_PG_URI`, `GATEWAY_PG_POOL_SIZE`, `GATEWAY_REDIS_URI`, `GATEWAY_REDIS_PREFIX`,
  /// `GATEWAY_KAFKA_BOOTSTRAP` (read by presence, not by the delivery service).
  public record Stores(String pgUri, int pgPoolSize, String redisUri, String redisPrefix, String kafkaBootstrap) {
    public Stores {
      if (!pgUri.startsWith("postgresql://") && !pgUri.startsWith("postgres://")) {
        throw new ConfigException("GATEWAY_PG_URI", "must be a postgresql:// URI");
      }
      if (pgPoolSize < 1 || pgPoolSize > 200) throw new ConfigException("GATEWAY_PG_POOL_SIZE", "must be 1-200");
      if (!redisUri.startsWith("redis://") && !redisUri.startsWith("rediss://")) {
        throw new ConfigException("GATEWAY_REDIS_URI", "must be a redis:// URI");
      }
      if (redisPrefix.isEmpty()) throw new ConfigException("GATEWAY_REDIS_PREFIX", "must not be empty");
    }
  }

  /// `GATEWAY_MLS_CIPHER_SUITES`, `GATEWAY_MAX_MLS_MESSAGE_BYTES`, `GATEWAY_MAX_CONVERSATION_MEMBERS`,
  /// `GATEWAY_MAX_PENDING_PROPOSALS`, `GATEWAY_APP_EPOCH_GRACE`.
  public record Mls(Set<Integer> cipherSuites, int maxMlsMessageBytes, int maxConversationMembers, int maxPendingProposals,
                    int appEpochGrace) {
    /// Suites whose signature scheme the verifier supports (Ed25519: 1, 3; Ed448: 4, 6).
    public static final Set<Integer> SUPPORTED_SUITES = Set.of(1, 3, 4, 6);

    public Mls {
      cipherSuites = Set.copyOf(cipherSuites);
      if (cipherSuites.isEmpty() || !SUPPORTED_SUITES.containsAll(cipherSuites)) {
        throw new ConfigException("GATEWAY_MLS_CIPHER_SUITES", "must be a non-empty subset of 1,3,4,6");
      }
      if (maxMlsMessageBytes < 1024) throw new ConfigException("GATEWAY_MAX_MLS_MESSAGE_BYTES", "must be at least 1024");
      if (maxConversationMembers < 2) throw new ConfigException("GATEWAY_MAX_CONVERSATION_MEMBERS", "must be at least 2");
      if (maxPendingProposals < 0) throw new ConfigException("GATEWAY_MAX_PENDING_PROPOSALS", "must not be negative");
      if (appEpochGrace < 0 || appEpochGrace > 16) throw new ConfigException("GATEWAY_APP_EPOCH_GRACE", "must be 0-16");
    }
  }

  /// `GATEWAY_MAX_KEY_PACKAGES_PER_UPLOAD`, `GATEWAY_MAX_KEY_PACKAGES_PER_DEVICE`,
  /// `GATEWAY_KEY_PACKAGE_MAX_LIFETIME`, `GATEWAY_KEY_PACKAGE_CLOCK_SKEW`,
  /// `GATEWAY_KEY_PACKAGE_LOW_WATERMARK`, `GATEWAY_CLAIM_RATE`, `GATEWAY_CLAIM_WINDOW`.
  public record KeyPackages(int maxPerUpload, int maxPerDevice, Duration maxLifetime, Duration clockSkew, int lowWatermark,
                            int claimRate, Duration claimWindow) {
    public KeyPackages {
      if (maxPerUpload < 1) throw new ConfigException("GATEWAY_MAX_KEY_PACKAGES_PER_UPLOAD", "must be at least 1");
      if (maxPerDevice < 1) throw new ConfigException("GATEWAY_MAX_KEY_PACKAGES_PER_DEVICE", "must be at least 1");
      if (maxLifetime.isNegative() || maxLifetime.isZero()) {
        throw new ConfigException("GATEWAY_KEY_PACKAGE_MAX_LIFETIME", "must be positive");
      }
      if (clockSkew.isNegative()) throw new ConfigException("GATEWAY_KEY_PACKAGE_CLOCK_SKEW", "must not be negative");
      if (lowWatermark < 0) throw new ConfigException("GATEWAY_KEY_PACKAGE_LOW_WATERMARK", "must not be negative");
      if (claimRate < 1) throw new ConfigException("GATEWAY_CLAIM_RATE", "must be at least 1");
      if (claimWindow.toMillis() < 1) throw new ConfigException("GATEWAY_CLAIM_WINDOW", "must be at least 1ms");
    }
  }

  /// `GATEWAY_MAX_DEVICES_PER_USER`, `GATEWAY_AUTH_TIMEOUT`, `GATEWAY_RESUME_TOKEN_TTL`,
  /// `GATEWAY_HEARTBEAT_INTERVAL`, `GATEWAY_HEARTBEAT_TIMEOUT`, `GATEWAY_OPERATION_TIMEOUT`.
  public record Sessions(int maxDevicesPerUser, Duration authTimeout, Duration resumeTokenTtl, Duration heartbeatInterval,
                         Duration heartbeatTimeout, Duration operationTimeout) {
    public Sessions {
      if (maxDevicesPerUser < 1) throw new ConfigException("GATEWAY_MAX_DEVICES_PER_USER", "must be at least 1");
      if (authTimeout.toMillis() < 1) throw new ConfigException("GATEWAY_AUTH_TIMEOUT", "must be at least 1ms");
      if (resumeTokenTtl.toMillis() < 1) throw new ConfigException("GATEWAY_RESUME_TOKEN_TTL", "must be at least 1ms");
      if (heartbeatInterval.toMillis() < 1) throw new ConfigException("GATEWAY_HEARTBEAT_INTERVAL", "must be at least 1ms");
      if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
        throw new ConfigException("GATEWAY_HEARTBEAT_TIMEOUT", "must be longer than GATEWAY_HEARTBEAT_INTERVAL");
      }
      if (operationTimeout.toMillis() < 1) throw new ConfigException("GATEWAY_OPERATION_TIMEOUT", "must be at least 1ms");
    }
  }

  /// `GATEWAY_MAX_FRAME_BYTES`, `GATEWAY_FRAME_RATE`, `GATEWAY_FRAME_BURST`, `GATEWAY_SEND_RATE`,
  /// `GATEWAY_SEND_BURST`, `GATEWAY_MAX_CONNECTIONS`, `GATEWAY_MAX_CONNECTIONS_PER_IP`,
  /// `GATEWAY_MAX_CONNECTIONS_PER_USER`, `GATEWAY_CLIENT_IP_HEADER` (empty = socket peer),
  /// `GATEWAY_PENALTY_STRIKES` (0 = no penalties), `GATEWAY_PENALTY_WINDOW`, `GATEWAY_PENALTY_BASE`,
  /// `GATEWAY_PENALTY_MAX`.
  public record Limits(int maxFrameBytes, int frameRate, int frameBurst, int sendRate, int sendBurst, int maxConnections,
                       int maxConnectionsPerIp, int maxConnectionsPerUser, String clientIpHeader, int penaltyStrikes,
                       Duration penaltyWindow, Duration penaltyBase, Duration penaltyMax) {
    public Limits {
      if (maxFrameBytes < 1024) throw new ConfigException("GATEWAY_MAX_FRAME_BYTES", "must be at least 1024");
      if (frameRate < 1) throw new ConfigException("GATEWAY_FRAME_RATE", "must be at least 1");
      if (frameBurst < 1) throw new ConfigException("GATEWAY_FRAME_BURST", "must be at least 1");
      if (sendRate < 1) throw new ConfigException("GATEWAY_SEND_RATE", "must be at least 1");
      if (sendBurst < 1) throw new ConfigException("GATEWAY_SEND_BURST", "must be at least 1");
      if (maxConnections < 1) throw new ConfigException("GATEWAY_MAX_CONNECTIONS", "must be at least 1");
      if (maxConnectionsPerIp < 1) throw new ConfigException("GATEWAY_MAX_CONNECTIONS_PER_IP", "must be at least 1");
      if (maxConnectionsPerUser < 1) throw new ConfigException("GATEWAY_MAX_CONNECTIONS_PER_USER", "must be at least 1");
      if (penaltyStrikes < 0) throw new ConfigException("GATEWAY_PENALTY_STRIKES", "must not be negative");
      if (penaltyWindow.toMillis() < 1) throw new ConfigException("GATEWAY_PENALTY_WINDOW", "must be at least 1ms");
      if (penaltyBase.toMillis() < 1) throw new ConfigException("GATEWAY_PENALTY_BASE", "must be at least 1ms");
      if (penaltyMax.compareTo(penaltyBase) < 0) throw new ConfigException("GATEWAY_PENALTY_MAX", "must not be below GATEWAY_PENALTY_BASE");
    }

    /// True when a client address header is configured (behind a CDN).
    public boolean trustsClientIpHeader() { return !clientIpHeader.isBlank(); }
  }

  /// `GATEWAY_WRITE_QUEUE_BYTES`, `GATEWAY_REPLAY_BATCH`, `GATEWAY_ACK_FLUSH_INTERVAL`,
  /// `GATEWAY_RETENTION_MIN_AGE`, `GATEWAY_RETENTION_MAX_AGE`, `GATEWAY_PRUNE_INTERVAL`.
  public record Delivery(int writeQueueBytes, int replayBatch, Duration ackFlushInterval, Duration retentionMinAge,
                         Duration retentionMaxAge, Duration pruneInterval) {
    public Delivery {
      if (writeQueueBytes < 1024) throw new ConfigException("GATEWAY_WRITE_QUEUE_BYTES", "must be at least 1024");
      if (replayBatch < 1 || replayBatch > 10_000) throw new ConfigException("GATEWAY_REPLAY_BATCH", "must be 1-10000");
      if (ackFlushInterval.toMillis() < 1) throw new ConfigException("GATEWAY_ACK_FLUSH_INTERVAL", "must be at least 1ms");
      if (retentionMinAge.isNegative()) throw new ConfigException("GATEWAY_RETENTION_MIN_AGE", "must not be negative");
      if (retentionMaxAge.compareTo(retentionMinAge) < 0) {
        throw new ConfigException("GATEWAY_RETENTION_MAX_AGE", "must not be below GATEWAY_RETENTION_MIN_AGE");
      }
      if (pruneInterval.toMillis() < 1) throw new ConfigException("GATEWAY_PRUNE_INTERVAL", "must be at least 1ms");
    }
  }

  /// The configuration with every default (the local services of `./wya services up`).
  public static GatewayConfig defaults() {
    return ConfigLoader.load(java.util.Map.of());
  }

  /// The Redis key and channel prefix of this deployment: `GATEWAY_REDIS_PREFIX` + `gateway_id:`.
  public String redisNamespace() { return stores.redisPrefix() + server.gatewayId() + ":"; }
}
