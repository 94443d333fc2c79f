package io.wya.social.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wya.testkit.LocalServices;
import io.wya.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/// V8 (ADR 0117) on a node upgraded with posts already indexed as `search_documents` rows: each
/// post's document moves onto its event, where message search finds it through the new index;
/// profile documents stay rows, and no new message row can be written.
class PostDocumentMigrationIT {
  @Test void postDocumentsMoveOntoTheirEventsAndProfileDocumentsStay() throws Exception {
    LocalServices services = LocalServices.require();
    TestDatabase db = services.freshDatabase("post_document_migration");
    try {
      flyway(db, "7").migrate();
      long post;
      try (Connection conn = connect(db)) {
        post = insertEvent(conn, 1, 3);
        long name = insertEvent(conn, 2, 5);
        long otherPost = insertEvent(conn, 3, 3);
        insertDocument(conn, post, "message", "a migrated post about herons");
        insertDocument(conn, name, "username", "heron watcher");
        insertDocument(conn, otherPost, "message", "nothing about birds");
      }
      flyway(db, "latest").migrate();
      try (Connection conn = connect(db)) {
        assertThat(longs(conn, "select count(*) from search_documents where kind = 'message'")).isZero();
        assertThat(longs(conn, "select count(*) from search_documents where kind = 'username'")).isEqualTo(1);
        assertThat(longs(conn, "select count(*) from events where post_document is not null")).isEqualTo(2);
        assertThat(longs(conn, "select min(logical_clock) from events where post_document @@ plainto_tsquery('simple', 'herons')"))
            .isEqualTo(1);
        assertThat(longs(conn, "select count(*) from pg_indexes where indexname = 'events_post_document'")).isEqualTo(1);
        assertThatThrownBy(() -> insertDocument(conn, post, "message", "again")).isInstanceOf(SQLException.class)
            .hasMessageContaining("search_documents_kind_check");
      }
    } finally {
      services.dropDatabase(db);
    }
  }

  private static long insertEvent(Connection conn, int clock, long contentType) throws SQLException {
    try (PreparedStatement insert = conn.prepareStatement("insert into events (system, process, logical_clock, content_type, signed_event)"
        + " values (?, ?, ?, ?, ?) returning id")) {
      insert.setBytes(1, new byte[32]);
      insert.setBytes(2, new byte[16]);
      insert.setLong(3, clock);
      insert.setLong(4, contentType);
      insert.setBytes(5, new byte[] {(byte) clock});
      try (ResultSet id = insert.executeQuery()) {
        id.next();
        return id.getLong(1);
      }
    }
  }

  private static void insertDocument(Connection conn, long eventId, String kind, String body) throws SQLException {
    try (PreparedStatement insert = conn.prepareStatement("insert into search_documents (event_id, system, kind, body) values (?, ?, ?, ?)")) {
      insert.setLong(1, eventId);
      insert.setBytes(2, new byte[32]);
      insert.setString(3, kind);
      insert.setString(4, body);
      insert.executeUpdate();
    }
  }

  private static long longs(Connection conn, String sql) throws SQLException {
    try (ResultSet r = conn.createStatement().executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static Connection connect(TestDatabase db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  private static Flyway flyway(TestDatabase db, String target) {
    return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration").target(target).load();
  }
}
