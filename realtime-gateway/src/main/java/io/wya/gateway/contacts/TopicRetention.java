package io.wya.gateway.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// The projection is rebuilt by replaying the topic from its beginning (ADR 0401), so the topic
/// must keep every event: no time or size limit, no compaction (compaction by system key would keep
/// one event per system). The gateway cannot fix a topic it does not own; it says so at start.
public final class TopicRetention {
  private TopicRetention() {}

  /// What in a topic's configuration breaks a rebuild from offset 0 (empty when nothing does).
  public static List<String> problems(Map<String, String> config) {
    List<String> problems = new ArrayList<>();
    String retentionMs = config.getOrDefault("retention.ms", "-1").trim();
    if (!retentionMs.equals("-1")) problems.add("retention.ms=" + retentionMs + " deletes old events (needs -1)");
    String retentionBytes = config.getOrDefault("retention.bytes", "-1").trim();
    if (!retentionBytes.equals("-1")) problems.add("retention.bytes=" + retentionBytes + " deletes old events (needs -1)");
    String policy = config.getOrDefault("cleanup.policy", "delete");
    if (policy.contains("compact")) problems.add("cleanup.policy=" + policy + " drops all but the latest event of each system");
    return problems;
  }
}
