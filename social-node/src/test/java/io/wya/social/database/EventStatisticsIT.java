package io.wya.social.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.testkit.LocalServices;
import io.wya.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/// ADR 0121: ANALYZE of `events` samples 6,000 rows, not the default 30,000, whatever columns the
/// table has (the sample follows the largest target of any column).
class EventStatisticsIT {
  private static final Pattern SAMPLE = Pattern.compile("(\\d+) rows in sample");

  @Test void analyzeOfEventsSamplesSixThousandRows() throws Exception {
    LocalServices services = LocalServices.require();
    TestDatabase db = services.freshDatabase("event_statistics");
    try {
      Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration").load().migrate();
      try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement sql = conn.createStatement()) {
        sql.execute("insert into events (system, process, logical_clock, content_type, unix_ms, signed_event, post_document)"
            + " select sha256(int8send(n % 500)), substr(sha256(int8send(n)), 1, 16), n, 3, n, sha256(int8send(n)),"
            + " to_tsvector('simple', 'post number ' || n) from generate_series(1, 10000) n");
        sql.execute("analyze verbose events");
        List<String> notices = new ArrayList<>();
        for (SQLWarning w = sql.getWarnings(); w != null; w = w.getNextWarning()) notices.add(w.getMessage());
        Matcher sample = SAMPLE.matcher(String.join("\n", notices));
        assertThat(sample.find()).as("ANALYZE VERBOSE reports its sample: %s", notices).isTrue();
        assertThat(Long.parseLong(sample.group(1))).isEqualTo(6_000);
      }
    } finally {
      services.dropDatabase(db);
    }
  }
}
