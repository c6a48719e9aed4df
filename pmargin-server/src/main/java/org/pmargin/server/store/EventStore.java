package org.pmargin.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.pmargin.core.validation.Checks;

/**
 * The event log in a database: appends batches of events in one transaction each (group commit), reads them back
 * in sequence order, finds an event by its client id, and keeps snapshots and the store's settings.
 *
 * <p>Opening a store runs the Flyway migrations in {@code db/migration} (the same for SQLite and PostgreSQL). The
 * embedded SQLite file runs in WAL mode with {@code synchronous=FULL}, so a committed batch survives a crash of the
 * process and of the machine. Appends go through one writer connection and are meant to come from one thread (the
 * service's sequencer); reads use their own connection, so they do not wait for a commit.
 */
public final class EventStore implements AutoCloseable {

  private static final String INSERT = "INSERT INTO events (seq, client_id, type, payload, answer, recorded_at, "
      + "margins) VALUES (?, ?, ?, ?, ?, ?, ?)";

  private final StoreLocation location;
  private Connection writer;
  private Connection reader;
  /** The writer's insert, prepared once per writer connection (null until the first append). */
  private PreparedStatement insert;
  private final Object snapshotLock = new Object();
  private Connection snapshotWriter;

  private EventStore(StoreLocation location) {
    this.location = location;
  }

  /**
   * Opens (and migrates) a store, creating the embedded store's directory when missing.
   *
   * @param location  where
   * @return the open store
   * @throws StoreUnavailableException when the database cannot be reached or migrated
   */
  public static EventStore open(StoreLocation location) {
    Checks.notNull(location, "location");
    EventStore s = new EventStore(location);
    try {
      if (location.embedded()) {
        Path file = Path.of(location.jdbcUrl().substring("jdbc:sqlite:".length()));
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
      }
      s.connect();
      Flyway.configure().dataSource(location.jdbcUrl(), null, null).locations("classpath:db/migration")
          .loggers("slf4j").load().migrate();
    } catch (Exception e) {
      s.close();
      throw new StoreUnavailableException("cannot open the event log at " + location.display() + ": "
          + e.getMessage(), e);
    }
    return s;
  }

  private void connect() throws SQLException {
    writer = newConnection();
    writer.setAutoCommit(false);
    reader = newReader();
  }

  /** The reader: autocommit on SQLite (each query sees the last commit); a transaction on PostgreSQL (cursors). */
  private Connection newReader() throws SQLException {
    Connection c = newConnection();
    c.setAutoCommit(location.embedded());
    return c;
  }

  private Connection newConnection() throws SQLException {
    Properties props = new Properties();
    if (location.jdbcUrl().startsWith("jdbc:postgresql:")) {
      // one multi-row INSERT per batch of rows instead of one statement each (a setting in the URL still wins)
      props.setProperty("reWriteBatchedInserts", "true");
    }
    Connection c = DriverManager.getConnection(location.jdbcUrl(), props);
    if (location.embedded()) {
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=FULL");
        st.execute("PRAGMA busy_timeout=10000");
      }
    }
    return c;
  }

  /** Where the store is. */
  public StoreLocation location() {
    return location;
  }

  /**
   * Appends events in one transaction: all of them are durable when this returns, or none is. The rows go as one
   * JDBC batch of the writer's prepared insert (on PostgreSQL rewritten into multi-row inserts).
   *
   * <p>A failure can leave the outcome in doubt: the connection may break after the database committed and
   * before its answer arrived. So after a failure the store asks the database, on a new connection, whether the
   * batch's last event is there; if it is, the batch was committed and this returns normally. Only when that
   * question cannot be answered either (the database unreachable) may a batch reported failed have been stored;
   * a client then repeats its request with the same client id and gets the first answer.
   *
   * @param events  the events, with consecutive sequence numbers following the last one stored
   * @throws StoreUnavailableException when the transaction failed (nothing of the batch is stored, unless the
   *     database could not be asked afterwards: the message then says the outcome is unknown)
   */
  public synchronized void append(List<LoggedEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    String now = Instant.now().toString();
    try {
      ensureWriter();
      if (insert == null) {
        insert = writer.prepareStatement(INSERT);
      }
      PreparedStatement ps = insert;
      for (LoggedEvent e : events) {
        ps.setLong(1, e.sequence());
        ps.setString(2, e.clientId());
        ps.setString(3, e.type());
        ps.setString(4, e.payload());
        ps.setString(5, e.answer());
        ps.setString(6, now);
        if (e.margins() == null) {
          ps.setNull(7, Types.BINARY);
        } else {
          ps.setBytes(7, e.margins());
        }
        ps.addBatch();
      }
      ps.executeBatch();
      writer.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      Boolean stored = holds(events.getLast().sequence());
      if (Boolean.TRUE.equals(stored)) {
        closeQuietly(writer); // its answer was lost: the next append reconnects
        writer = null;
        insert = null;
        return;
      }
      throw new StoreUnavailableException("the event log refused a batch of " + events.size() + " events: "
          + reason(e) + (stored == null ? " (whether it was stored is unknown: the database could not be asked)"
          : ""), e);
    }
  }

  /** Whether the log holds an event, asked on a new connection; null when the database cannot be asked. */
  private Boolean holds(long sequence) {
    try (Connection c = newConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events WHERE seq = ?")) {
      ps.setLong(1, sequence);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } catch (SQLException e) {
      return null;
    }
  }

  /**
   * Reads the events after a sequence number, in order, without their margins column (a replay needs the requests;
   * the answers come with them).
   *
   * @param after  the last sequence number already seen (0 for all)
   * @param sink  receives each event
   * @return how many were read
   */
  public long read(long after, Consumer<LoggedEvent> sink) {
    return read(after, Long.MAX_VALUE, false, sink);
  }

  /**
   * Reads at most {@code limit} events after a sequence number, in order (a consumer resuming a stream).
   *
   * @param after  the last sequence number already seen (0 for all)
   * @param limit  the most to read, &gt; 0
   * @param withMargins  whether to read the margins column too (the streams send it; 6 MB for a tick of 100,000
   *     accounts)
   * @param sink  receives each event
   * @return how many were read
   */
  public long read(long after, long limit, boolean withMargins, Consumer<LoggedEvent> sink) {
    return read(after, limit, withMargins, Long.MAX_VALUE, sink);
  }

  /**
   * Reads at most {@code limit} events after a sequence number, in order, with their margins column, stopping
   * after the event that brings the margins read to {@code maxMarginBytes} (a resuming stream's page: a run of
   * ticks of 100,000 accounts is 6 MB each).
   *
   * @param after  the last sequence number already seen (0 for all)
   * @param limit  the most to read, &gt; 0
   * @param withMargins  whether to read the margins column too
   * @param maxMarginBytes  the margins bytes after which the read stops (at least one event is read)
   * @param sink  receives each event
   * @return how many were read
   */
  public synchronized long read(long after, long limit, boolean withMargins, long maxMarginBytes,
      Consumer<LoggedEvent> sink) {
    long n = 0;
    long bytes = 0;
    try {
      ensureReader();
      try (PreparedStatement ps = reader.prepareStatement("SELECT seq, client_id, type, payload, answer"
          + (withMargins ? ", margins" : "") + " FROM events WHERE seq > ? AND seq <= ? ORDER BY seq")) {
        ps.setFetchSize(1000);
        ps.setLong(1, after);
        ps.setLong(2, limit >= Long.MAX_VALUE - after ? Long.MAX_VALUE : after + limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byte[] margins = withMargins ? rs.getBytes(6) : null;
            sink.accept(new LoggedEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), margins));
            n++;
            bytes += margins == null ? 0 : margins.length;
            if (bytes >= maxMarginBytes) {
              break;
            }
          }
        }
      }
      endRead();
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot read the event log: " + e.getMessage(), e);
    }
    return n;
  }

  /** The event with this client id, if the log holds one. */
  public synchronized Optional<LoggedEvent> find(String clientId) {
    return oneEvent("SELECT seq, client_id, type, payload, answer FROM events WHERE client_id = ?", clientId);
  }

  /**
   * The latest event of a type (e.g. the last market update, for the feed status after a restart).
   *
   * @param type  the event type
   * @return it, or empty when the log holds none
   */
  public synchronized Optional<LoggedEvent> lastOfType(String type) {
    return oneEvent("SELECT seq, client_id, type, payload, answer FROM events WHERE type = ? ORDER BY seq DESC "
        + "LIMIT 1", type);
  }

  /** The event a query of one text parameter selects first, if any. */
  private Optional<LoggedEvent> oneEvent(String sql, String parameter) {
    try {
      ensureReader();
      try (PreparedStatement ps = reader.prepareStatement(sql)) {
        ps.setString(1, parameter);
        try (ResultSet rs = ps.executeQuery()) {
          Optional<LoggedEvent> out = rs.next() ? Optional.of(new LoggedEvent(rs.getLong(1), rs.getString(2),
              rs.getString(3), rs.getString(4), rs.getString(5))) : Optional.empty();
          rs.close();
          ps.close();
          endRead();
          return out;
        }
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot read the event log: " + e.getMessage(), e);
    }
  }

  /** The last sequence number stored, 0 for an empty log. */
  public synchronized long lastSequence() {
    return longQuery("SELECT COALESCE(MAX(seq), 0) FROM events");
  }

  /** How many events the log holds (equal to {@link #lastSequence()} when the log is gap-free). */
  public synchronized long count() {
    return longQuery("SELECT COUNT(*) FROM events");
  }

  private long longQuery(String sql) {
    try {
      ensureReader();
      try (Statement st = reader.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        long v = rs.getLong(1);
        rs.close();
        st.close();
        endRead();
        return v;
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot read the event log: " + e.getMessage(), e);
    }
  }

  /**
   * Stores a snapshot (replacing one after the same event) and drops all but the {@code keep} latest, in one
   * transaction on a connection of its own, so that a snapshot written in the background does not hold the
   * appends' connection (on SQLite the database's write lock is still taken for the insert).
   *
   * @param s  the snapshot
   * @param keep  how many snapshots to keep, the latest, &gt;= 1
   * @throws StoreUnavailableException when the transaction failed (nothing changed)
   */
  public void writeSnapshot(SnapshotRow s, int keep) {
    Checks.require(keep >= 1, "keep", "must be >= 1, got " + keep);
    synchronized (snapshotLock) {
      try {
        if (snapshotWriter == null || snapshotWriter.isClosed()) {
          snapshotWriter = newConnection();
          snapshotWriter.setAutoCommit(false);
        }
        Connection c = snapshotWriter;
        try (PreparedStatement del = c.prepareStatement("DELETE FROM snapshots WHERE seq = ?");
            PreparedStatement ins = c.prepareStatement("INSERT INTO snapshots (seq, taken_at, format_version, "
                + "account_count, digest, parameters, engine_state) VALUES (?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement prune = c.prepareStatement("DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM "
                + "(SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?) AS latest)")) {
          del.setLong(1, s.sequence());
          del.executeUpdate();
          ins.setLong(1, s.sequence());
          ins.setString(2, s.takenAt());
          ins.setInt(3, s.formatVersion());
          ins.setInt(4, s.accountCount());
          ins.setString(5, s.digest());
          ins.setString(6, s.parameters());
          ins.setBytes(7, s.state());
          ins.executeUpdate();
          prune.setInt(1, keep);
          prune.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        try {
          if (snapshotWriter != null) {
            snapshotWriter.rollback();
          }
        } catch (SQLException ignored) {
          closeQuietly(snapshotWriter);
          snapshotWriter = null;
        }
        throw new StoreUnavailableException("cannot write a snapshot: " + e.getMessage(), e);
      }
    }
  }

  /** The sequences of the snapshots held, latest first. */
  public synchronized List<Long> snapshotSequences() {
    try {
      ensureReader();
      List<Long> out = new java.util.ArrayList<>();
      try (Statement st = reader.createStatement();
          ResultSet rs = st.executeQuery("SELECT seq FROM snapshots ORDER BY seq DESC")) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      endRead();
      return out;
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot read the snapshots: " + e.getMessage(), e);
    }
  }

  /** The snapshot after an event, if held. */
  public synchronized Optional<SnapshotRow> snapshot(long sequence) {
    try {
      ensureReader();
      Optional<SnapshotRow> out;
      try (PreparedStatement ps = reader.prepareStatement("SELECT seq, taken_at, format_version, account_count, "
          + "digest, parameters, engine_state FROM snapshots WHERE seq = ?")) {
        ps.setLong(1, sequence);
        try (ResultSet rs = ps.executeQuery()) {
          out = rs.next() ? Optional.of(new SnapshotRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
              rs.getString(5), rs.getString(6), rs.getBytes(7))) : Optional.empty();
        }
      }
      endRead();
      return out;
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot read the snapshots: " + e.getMessage(), e);
    }
  }

  /** The latest snapshot, if any. */
  public Optional<SnapshotRow> latestSnapshot() {
    List<Long> seqs = snapshotSequences();
    return seqs.isEmpty() ? Optional.empty() : snapshot(seqs.get(0));
  }

  /**
   * Reads the client id of every event up to a sequence number, in order (the idempotency index of the events a
   * snapshot covers, without their payloads).
   *
   * @param upTo  the last sequence number to read
   * @param sink  receives each event's sequence and client id
   */
  public synchronized void readClientIds(long upTo, java.util.function.ObjLongConsumer<String> sink) {
    try {
      ensureReader();
      try (PreparedStatement ps = reader.prepareStatement("SELECT seq, client_id FROM events WHERE seq <= ? "
          + "ORDER BY seq")) {
        ps.setFetchSize(10_000);
        ps.setLong(1, upTo);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sink.accept(rs.getString(2), rs.getLong(1));
          }
        }
      }
      endRead();
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot read the event log: " + e.getMessage(), e);
    }
  }

  /** A setting the store was initialised with, if set. */
  public synchronized Optional<String> meta(String name) {
    try {
      ensureReader();
      try (PreparedStatement ps = reader.prepareStatement("SELECT value FROM store_meta WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          Optional<String> out = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
          rs.close();
          ps.close();
          endRead();
          return out;
        }
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot read the store's settings: " + e.getMessage(), e);
    }
  }

  /** Records a setting (once: a store's settings do not change). */
  public synchronized void putMeta(String name, String value) {
    try {
      ensureWriter();
      try (PreparedStatement ps = writer.prepareStatement("INSERT INTO store_meta (name, value) VALUES (?, ?)")) {
        ps.setString(1, name);
        ps.setString(2, value);
        ps.executeUpdate();
      }
      writer.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw new StoreUnavailableException("cannot write the store's settings: " + e.getMessage(), e);
    }
  }

  /** Ends the reader's transaction (its statements closed first: an open SQLite statement pins a read snapshot). */
  private void endRead() throws SQLException {
    if (!reader.getAutoCommit()) {
      reader.rollback();
    }
  }

  private void ensureWriter() throws SQLException {
    if (writer == null || writer.isClosed()) {
      insert = null;
      writer = newConnection();
      writer.setAutoCommit(false);
    }
  }

  private void ensureReader() throws SQLException {
    if (reader == null || reader.isClosed()) {
      reader = newReader();
    }
  }

  private void rollbackQuietly() {
    try {
      if (insert != null) {
        insert.clearBatch();
      }
      if (writer != null && !writer.isClosed()) {
        writer.rollback();
      }
    } catch (SQLException ignored) {
      // The connection is broken; the next write reconnects.
      closeQuietly(writer);
      writer = null;
      insert = null;
    }
  }

  /** The database's reason, without the batch's statement text (requests stay out of the logs). */
  private static String reason(SQLException e) {
    SQLException cause = e instanceof java.sql.BatchUpdateException && e.getNextException() != null
        ? e.getNextException() : e;
    String m = String.valueOf(cause.getMessage());
    int values = m.indexOf(" VALUES ");
    if (values >= 0) {
      m = m.substring(0, values) + " ...";
    }
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  private static void closeQuietly(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // Closing a broken connection.
    }
  }

  @Override
  public synchronized void close() {
    insert = null;
    synchronized (snapshotLock) {
      closeQuietly(snapshotWriter);
      snapshotWriter = null;
    }
    closeQuietly(writer);
    closeQuietly(reader);
    writer = null;
    reader = null;
  }
}
