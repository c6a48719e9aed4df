package org.pmargin.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.StoreUnavailableException;
import org.pmargin.server.support.IndependentReplay;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;

/**
 * The database drops the service's connections mid-load (PostgreSQL terminates its backends): the batch in flight
 * is refused, not acknowledged; reads go on; the service rebuilds its engine from the log and takes writes again;
 * nothing acknowledged is lost and the state equals an independent replay of the log.
 */
class DatabaseFaultTest {

  @TempDir
  Path tmp;

  @Test
  void shouldRefuseTheFailedBatchRebuildAndGoOnWhenTheDatabaseDropsItsConnections() throws Exception {
    List<Command> commands = Workload.generate(23, 6, 400, "f23-");
    try (Stores.TestStore t = Stores.create(Stores.Kind.POSTGRES, tmp);
        MarginService s = MarginService.open(t.location(), Workload.settings(), MarginService.Options.defaults())) {
      List<String> acknowledged = new ArrayList<>();
      int refused = 0;
      for (int i = 0; i < commands.size(); i++) {
        if (i == 200) {
          terminateBackends(t.database());
        }
        try {
          Answer a = s.submit(commands.get(i)).get();
          acknowledged.add(commands.get(i).clientId());
          assertThat(a.sequence()).isPositive();
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(StoreUnavailableException.class);
          refused++;
          assertThat(s.engine().margins()).hasSize(6); // reads go on
          while (s.refusingWrites()) {
            Thread.sleep(20);
          }
        }
      }
      assertThat(refused).isBetween(1, 5);
      assertThat(acknowledged.size()).isEqualTo(commands.size() - refused);
      List<String> ids = new ArrayList<>();
      List<String> payloads = new ArrayList<>();
      try (EventStore st = EventStore.open(t.location())) {
        st.read(0, e -> {
          ids.add(e.clientId());
          payloads.add(e.payload());
        });
      }
      assertThat(ids).containsExactlyElementsOf(acknowledged);
      assertThat(s.lastSequence()).isEqualTo(acknowledged.size());
      try (MarginEngine reference = IndependentReplay.of(Workload.settings(), payloads)) {
        assertThat(s.engine().margins()).isEqualTo(reference.margins());
      }
    }
  }

  private static void terminateBackends(String database) throws Exception {
    try (Connection c = DriverManager.getConnection(Stores.PG_ADMIN);
        PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            + "WHERE datname = ? AND pid <> pg_backend_pid()")) {
      ps.setString(1, database);
      ps.executeQuery().close();
    }
  }
}
