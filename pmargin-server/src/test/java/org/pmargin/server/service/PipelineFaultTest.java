package org.pmargin.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.StoreUnavailableException;
import org.pmargin.server.support.IndependentReplay;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;

/**
 * The sequencer's pipeline under a failed commit: thousands of requests in flight at once (so batches are applied
 * while earlier ones commit) when PostgreSQL drops the service's connections. Every acknowledged event is in the log
 * and nothing else is, in the order of the acknowledged sequence numbers; the refused ones are refused with the
 * store's error; the service rebuilds, goes on, and its state equals an independent replay of the log.
 */
class PipelineFaultTest {

  @TempDir
  Path tmp;

  @Test
  void shouldRefuseTheFailedBatchAndTheOnesAppliedAfterItAndKeepTheLogEqualToTheAcknowledged() throws Exception {
    List<Command> commands = Workload.generate(31, 20, 3000, "p31-");
    try (Stores.TestStore t = Stores.create(Stores.Kind.POSTGRES, tmp);
        MarginService s = MarginService.open(t.location(), Workload.settings(), MarginService.Options.defaults());
        Connection admin = DriverManager.getConnection(Stores.PG_ADMIN);
        PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            + "WHERE datname = ? AND pid <> pg_backend_pid()")) {
      kill.setString(1, t.database());
      List<CompletableFuture<Answer>> fs = new ArrayList<>();
      for (int i = 0; i < commands.size(); i++) {
        if (i == 1000) {
          fs.get(999).exceptionally(x -> null).join(); // the first thousand committed before the fault
        }
        if (i == 1500) {
          // while the sequencer works through the queue: batches are being applied while others commit
          kill.executeQuery().close();
        }
        fs.add(s.submit(commands.get(i)));
      }
      Map<Long, String> acknowledged = new TreeMap<>();
      int refused = 0;
      for (int i = 0; i < fs.size(); i++) {
        try {
          Answer a = fs.get(i).get(60, TimeUnit.SECONDS);
          assertThat(acknowledged.put(a.sequence(), commands.get(i).clientId())).isNull();
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOfAny(StoreUnavailableException.class, InvalidInputException.class);
          if (e.getCause() instanceof StoreUnavailableException) {
            refused++;
          }
        }
      }
      assertThat(refused).isPositive();
      assertThat(acknowledged.size()).isGreaterThanOrEqualTo(1000);
      while (s.refusingWrites()) {
        Thread.sleep(20);
      }
      // it takes writes again after the rebuild
      Answer after = s.submit(Command.of("after-fault", org.pmargin.data.Json.MAPPER.createObjectNode()
          .put("type", "deposit").put("account", "acct-0").put("asset", "USDC").put("amount", 10))).join();
      acknowledged.put(after.sequence(), "after-fault");
      List<String> ids = new ArrayList<>();
      List<String> payloads = new ArrayList<>();
      try (EventStore st = EventStore.open(t.location())) {
        st.read(0, e -> {
          ids.add(e.clientId());
          payloads.add(e.payload());
        });
      }
      assertThat(acknowledged.keySet()).first().isEqualTo(1L);
      assertThat(acknowledged.keySet().stream().max(Comparator.naturalOrder())).contains((long) ids.size());
      assertThat(ids).containsExactlyElementsOf(acknowledged.values());
      assertThat(s.lastSequence()).isEqualTo(ids.size());
      assertThat(s.lastCommitted()).isEqualTo(ids.size());
      try (MarginEngine reference = IndependentReplay.of(Workload.settings(), payloads)) {
        assertThat(s.engine().margins()).isEqualTo(reference.margins());
      }
    } catch (CompletionException e) {
      throw new AssertionError("the request after the fault was refused", e);
    }
  }
}
