package io.wya.social.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.testkit.LocalServices;
import io.wya.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/// V4 (ADR 0110) on a node upgraded from the outbox table: what the outbox still held is published
/// again from `events`, what Kafka already had is not.
class RelayCursorMigrationIT {
  @Test void theCursorStartsJustBeforeTheOldestEventTheOutboxStillHeld() throws Exception {
    assertThat(cursorAfterUpgrade(new int[] {2, 3})).isEqualTo(1);
  }

  @Test void withAnEmptyOutboxTheCursorStartsAfterEveryStoredEvent() throws Exception {
    assertThat(cursorAfterUpgrade(new int[0])).isEqualTo(3);
  }

  /// Three events stored before the upgrade, `unpublished` of them (1-based) still in the outbox;
  /// the cursor's id after V4.
  private static long cursorAfterUpgrade(int[] unpublished) throws SQLException {
    LocalServices services = LocalServices.require();
    TestDatabase db = services.freshDatabase("relay_migration");
    try {
      flyway(db, "3").migrate();
      try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        for (int i = 1; i <= 3; i++) {
          byte[] system = new byte[32];
          system[0] = (byte) i;
          byte[] event = {(byte) i, 42};
          try (PreparedStatement insert = conn.prepareStatement("insert into events (system, process, logical_clock, content_type, signed_event)"
              + " values (?, ?, 1, 3, ?)")) {
            insert.setBytes(1, system);
            insert.setBytes(2, new byte[16]);
            insert.setBytes(3, event);
            insert.executeUpdate();
          }
          for (int waiting : unpublished) {
            if (waiting != i) continue;
            try (PreparedStatement outbox = conn.prepareStatement("insert into outbox (record_key, record_value, content_type) values (?, ?, 3)")) {
              byte[] key = new byte[36];
              key[0] = 0x08; key[1] = 0x01; key[2] = 0x12; key[3] = 0x20;
              System.arraycopy(system, 0, key, 4, 32);
              outbox.setBytes(1, key);
              outbox.setBytes(2, event);
              outbox.executeUpdate();
            }
          }
        }
      }
      flyway(db, "latest").migrate();
      try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
           var rows = conn.createStatement().executeQuery("select c.id, (select count(*) from events e where e.tx = c.tx) from event_relay_cursor c")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(2)).as("every stored event carries the migration's transaction").isEqualTo(3);
        long id = rows.getLong(1);
        assertThat(rows.next()).as("one cursor").isFalse();
        return id;
      }
    } finally {
      services.dropDatabase(db);
    }
  }

  private static Flyway flyway(TestDatabase db, String target) {
    return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration").target(target).load();
  }
}
