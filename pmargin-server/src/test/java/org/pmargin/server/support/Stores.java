package org.pmargin.server.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.pmargin.server.store.StoreLocation;

/**
 * The stores the tests run against: the embedded SQLite in a temporary directory, and a fresh database on the real
 * PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth), created for one test and dropped after it. A test on
 * PostgreSQL is skipped, saying why, only when the server cannot be reached.
 */
public final class Stores {

  /** The PostgreSQL server the tests use. */
  public static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&connectTimeout=3";

  private Stores() {
  }

  /** The kinds of store, for parameterised tests. */
  public enum Kind { SQLITE, POSTGRES }

  /** A store for one test; closing drops the PostgreSQL database. */
  public record TestStore(StoreLocation location, String database) implements AutoCloseable {
    @Override
    public void close() {
      if (database != null) {
        try (Connection c = DriverManager.getConnection(PG_ADMIN); Statement st = c.createStatement()) {
          st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
          throw new IllegalStateException("cannot drop the test database " + database, e);
        }
      }
    }
  }

  /**
   * A new, empty store of a kind.
   *
   * @param kind  SQLite or PostgreSQL
   * @param tmp  a temporary directory (for SQLite)
   * @return the store
   */
  public static TestStore create(Kind kind, Path tmp) {
    if (kind == Kind.SQLITE) {
      return new TestStore(StoreLocation.embedded(tmp.resolve("store")), null);
    }
    String db = "pmargin_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(PG_ADMIN); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    } catch (SQLException e) {
      Assumptions.abort("PostgreSQL at 127.0.0.1:5432 is unreachable (" + e.getMessage() + "); start it with "
          + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
    }
    return new TestStore(new StoreLocation("jdbc:postgresql://127.0.0.1:5432/" + db + "?user=postgres"), db);
  }
}
