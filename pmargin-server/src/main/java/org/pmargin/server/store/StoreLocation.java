package org.pmargin.server.store;

import java.nio.file.Path;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Where the event log lives: a JDBC URL, either an embedded SQLite file in a store directory (the default, nothing
 * to install) or a PostgreSQL database (production). Both use the same schema and migrations.
 *
 * @param jdbcUrl  the URL, {@code jdbc:sqlite:...} or {@code jdbc:postgresql://...}
 */
public record StoreLocation(String jdbcUrl) {

  /** The file name of the embedded database inside a store directory. */
  public static final String EMBEDDED_FILE = "pmargin-events.db";

  /** Validates the URL. */
  public StoreLocation {
    Checks.notBlank(jdbcUrl, "db");
    if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new InvalidInputException("db", "must be a jdbc:sqlite: or jdbc:postgresql: URL, got '" + jdbcUrl + "'");
    }
  }

  /**
   * The embedded store in a directory (created when missing).
   *
   * @param dir  the store directory
   * @return its location
   */
  public static StoreLocation embedded(Path dir) {
    Checks.notNull(dir, "store_dir");
    return new StoreLocation("jdbc:sqlite:" + dir.toAbsolutePath().resolve(EMBEDDED_FILE));
  }

  /** Whether this is the embedded SQLite store. */
  public boolean embedded() {
    return jdbcUrl.startsWith("jdbc:sqlite:");
  }

  /** The URL without user information or query parameters, for logs (a password never appears in them). */
  public String display() {
    String s = jdbcUrl;
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q);
    }
    int at = s.indexOf('@');
    int scheme = s.indexOf("//");
    if (at > 0 && scheme >= 0 && at > scheme) {
      s = s.substring(0, scheme + 2) + s.substring(at + 1);
    }
    return s;
  }
}
