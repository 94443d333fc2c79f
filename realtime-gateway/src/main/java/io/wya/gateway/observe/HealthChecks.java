package io.wya.gateway.observe;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/// Readiness (OPS-1): every dependency must answer within its timeout.
public final class HealthChecks {
  /// How long each dependency may take to answer.
  public static final long TIMEOUT_MS = 2_000;

  private final List<Dependency> dependencies;

  public HealthChecks(List<Dependency> dependencies) {
    this.dependencies = List.copyOf(dependencies);
  }

  /// The readiness body: `{"status":"UP|DOWN","checks":{name:{"status":…[,"error":…]}}}`.
  public Future<JsonObject> ready() {
    List<Future<JsonObject>> checks = new ArrayList<>();
    for (Dependency d : dependencies) {
      checks.add(d.check().timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).transform(ar -> Future.succeededFuture(ar.succeeded()
          ? new JsonObject().put("status", "UP")
          : new JsonObject().put("status", "DOWN").put("error", String.valueOf(ar.cause().getMessage())))));
    }
    return Future.join(checks).transform(ignored -> {
      JsonObject body = new JsonObject();
      boolean up = true;
      for (int i = 0; i < dependencies.size(); i++) {
        JsonObject c = checks.get(i).result();
        body.put(dependencies.get(i).name(), c);
        up &= "UP".equals(c.getString("status"));
      }
      return Future.succeededFuture(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", body));
    });
  }
}
