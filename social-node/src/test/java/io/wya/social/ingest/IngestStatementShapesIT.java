package io.wya.social.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Every shape of the ingest statement (ADR 0113) is SQL that PostgreSQL prepares and runs with
/// the arguments [IngestStatement] gives it; with nothing to write it writes nothing. What each
/// part writes is covered by the ingest tests (IngestRulesIT, RemovedEventsIT, VectorIngestIT).
@QuarkusTest
class IngestStatementShapesIT {
  @Inject Pool pool;

  @Test void everyShapeRunsOnPostgresql() {
    for (IngestStatement.Shape shape : IngestStatement.everyShape()) {
      IngestStatement.Statement empty = IngestStatement.of(shape, List.of(), List.of());
      int rows = pool.withTransaction(conn -> conn.preparedQuery(empty.sql()).execute(empty.arguments()))
          .map(result -> result.size()).await().atMost(Duration.ofSeconds(30));
      assertThat(rows).as("%s", shape).isZero();
    }
  }
}
