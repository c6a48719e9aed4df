package org.pmargin.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.pmargin.server.auth.ApiKey;
import org.pmargin.server.auth.Role;

/**
 * The {@code api_keys} table (migration V2) beside the event log: each creation and revocation is its own committed
 * transaction, written before the caller answers. It holds hashes only. Opened after the {@link EventStore} of the
 * same location, which runs the migrations.
 */
public final class KeyStore {

  private final StoreLocation location;

  /**
   * A key table at a location (migrated by {@link EventStore#open}).
   *
   * @param location  the store
   */
  public KeyStore(StoreLocation location) {
    this.location = location;
  }

  private Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(location.jdbcUrl());
    if (location.embedded()) {
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA synchronous=FULL");
        st.execute("PRAGMA busy_timeout=10000");
      }
    }
    return c;
  }

  /** Every key, revoked ones included, in creation order. */
  public synchronized List<ApiKey> all() {
    List<ApiKey> out = new ArrayList<>();
    try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT key_id, key_hash, role, accounts, label, created_at, revoked_at FROM api_keys "
            + "ORDER BY created_at, key_id")) {
      while (rs.next()) {
        String acc = rs.getString(4);
        out.add(new ApiKey(rs.getString(1), rs.getString(2), Role.of(rs.getString(3), "role"),
            acc.isEmpty() ? java.util.Set.of() : java.util.Collections.unmodifiableSet(
                new LinkedHashSet<>(Arrays.asList(acc.split(",")))), rs.getString(5), rs.getString(6),
            rs.getString(7)));
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot read the API keys: " + e.getMessage(), e);
    }
    return out;
  }

  /** Inserts a new key (committed when this returns). */
  public synchronized void insert(ApiKey k) {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (key_id, "
        + "key_hash, role, accounts, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, k.id());
      ps.setString(2, k.hash());
      ps.setString(3, k.role().code());
      ps.setString(4, String.join(",", k.accounts()));
      ps.setString(5, k.label());
      ps.setString(6, k.createdAt());
      ps.setString(7, k.revokedAt());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot store an API key: " + e.getMessage(), e);
    }
  }

  /** Marks a key revoked (committed when this returns); false when no active key has that id. */
  public synchronized boolean revoke(String id, String at) {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET revoked_at = ? "
        + "WHERE key_id = ? AND revoked_at IS NULL")) {
      ps.setString(1, at);
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot revoke an API key: " + e.getMessage(), e);
    }
  }
}
