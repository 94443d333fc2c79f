package io.wya.social.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/// The ingest statement is longer than the reactive client's default statement-cache limit
/// (2,048 characters); the node's pool must still keep it prepared per connection, or PostgreSQL
/// parses and plans it again for every batch.
@QuarkusTest
class StatementCachingPoolIT {
  @Inject Pool pool;

  @Test void theIngestStatementStaysPreparedOnItsConnection() {
    IngestStatement.Statement full = IngestStatement.of(new IngestStatement.Shape(EnumSet.allOf(IngestStatement.Part.class), IngestStatement.Duplicates.SKIP), List.of(), List.of());
    assertThat(full.sql().length()).as("the case this pool exists for").isGreaterThan(2048);
    long prepared = pool.withConnection(conn -> conn.preparedQuery(full.sql())
            .execute(full.arguments())
            .chain(() -> conn.preparedQuery("select count(*) from pg_prepared_statements where statement = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(full.sql()))))
        .map(rows -> rows.iterator().next().getLong(0)).await().atMost(Duration.ofSeconds(30));
    assertThat(prepared).isEqualTo(1);
  }
}
