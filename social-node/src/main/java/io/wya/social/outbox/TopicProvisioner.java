package io.wya.social.outbox;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/// Makes the topic of accepted events exist with the configuration its consumers depend on: every
/// event kept forever (`retention.ms=-1`, `retention.bytes=-1`, `cleanup.policy=delete`), because
/// the gateway's contacts projection rebuilds by replaying it from offset 0 (ADR 0401). The node
/// owns the topic (ADR 0105): it creates it when missing, with the configured partitions and
/// replication, and resets those three settings when someone changed them. Partitions and
/// replication of an existing topic are left alone (growing partitions reorders keys).
///
/// Every Admin call is asynchronous; nothing here blocks the caller's thread.
public final class TopicProvisioner {
  /// What a rebuild from the beginning needs; the values every consumer may rely on.
  public static final Map<String, String> RETAIN_EVERYTHING = Map.of("retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete");

  private final Admin admin;
  private final String topic;
  private final int partitions;
  private final short replication;

  public TopicProvisioner(Admin admin, String topic, int partitions, short replication) {
    if (partitions < 1 || replication < 1) throw new IllegalArgumentException("partitions and replication must be at least 1");
    this.admin = admin;
    this.topic = topic;
    this.partitions = partitions;
    this.replication = replication;
  }

  /// What [#ensure()] did.
  ///
  /// @param created true when the topic did not exist
  /// @param reset   the settings that differed and were set back, with their previous values
  public record Outcome(boolean created, Map<String, String> reset) {}

  public Uni<Outcome> ensure() {
    NewTopic wanted = new NewTopic(topic, partitions, replication).configs(RETAIN_EVERYTHING);
    return uni(admin.createTopics(List.of(wanted)).all()).map(ignored -> true)
        .onFailure(TopicExistsException.class).recoverWithItem(false)
        .chain(created -> created ? Uni.createFrom().item(new Outcome(true, Map.of())) : resetDrift().map(reset -> new Outcome(false, reset)));
  }

  private Uni<Map<String, String>> resetDrift() {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return uni(admin.describeConfigs(Set.of(resource)).all()).chain(configs -> {
      Map<String, String> drift = drift(configs.get(resource));
      if (drift.isEmpty()) return Uni.createFrom().item(drift);
      Collection<AlterConfigOp> ops = new ArrayList<>();
      for (String key : drift.keySet()) ops.add(new AlterConfigOp(new ConfigEntry(key, RETAIN_EVERYTHING.get(key)), AlterConfigOp.OpType.SET));
      return uni(admin.incrementalAlterConfigs(Map.of(resource, ops)).all()).replaceWith(drift);
    });
  }

  /// The settings of `current` that differ from [#RETAIN_EVERYTHING], with their current values.
  static Map<String, String> drift(Config current) {
    Map<String, String> drift = new LinkedHashMap<>();
    for (var wanted : RETAIN_EVERYTHING.entrySet()) {
      ConfigEntry entry = current.get(wanted.getKey());
      String value = entry == null ? null : entry.value();
      if (!wanted.getValue().equals(value)) drift.put(wanted.getKey(), String.valueOf(value));
    }
    return drift;
  }

  private static <T> Uni<T> uni(KafkaFuture<T> future) { return Uni.createFrom().completionStage(future.toCompletionStage()); }
}
