package org.pmargin.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pmargin.data.Json;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.server.service.Command;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.IndependentReplay;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recovery from a snapshot and the log after it: the state equals an independent full replay of the logged
 * requests (digest and every margin, bit for bit); a snapshot whose bytes are corrupt, whose format version is
 * another, or whose restored digest differs from the stored one is skipped for an older one, and with none left
 * the whole log is replayed, to the same state.
 */
class SnapshotRecoveryTest {

  @TempDir
  Path tmp;

  /** The service's workload with market times that move (by less and more than the full-pass interval). */
  private static List<Command> commands() {
    List<Command> out = new ArrayList<>(Workload.generate(23, 8, 380, "r23-"));
    Instant at = Instant.parse(Workload.settings().market().asOf().toString());
    List<Command> timed = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      timed.add(out.get(i));
      if (i > 16 && i % 37 == 0) {
        at = at.plusSeconds(i % 2 == 0 ? 15 : 75);
        ObjectNode n = Json.MAPPER.createObjectNode().put("type", "market").put("at", at.toString());
        n.putObject("moves").put("BTC", 0.001 * (i % 5 - 2));
        timed.add(Command.of("r23-t" + i, n));
      }
    }
    return timed;
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void shouldRecoverFromSnapshotAndTailAsTheFullReplayAndFallBackPastBadSnapshots(Stores.Kind kind)
      throws Exception {
    List<Command> commands = commands();
    int n = commands.size();
    try (Stores.TestStore t = Stores.create(kind, tmp)) {
      MarginService.Options every50 = new MarginService.Options(1, 50, 1000);
      try (MarginService s = MarginService.open(t.location(), Workload.settings(), every50)) {
        for (Command c : commands) {
          s.submit(c).get();
        }
      }
      List<String> payloads = new ArrayList<>();
      List<Long> kept;
      try (EventStore st = EventStore.open(t.location())) {
        st.read(0, e -> payloads.add(e.payload()));
        kept = st.snapshotSequences();
      }
      assertThat(payloads).hasSize(n);
      // the shutdown one and the two latest periodic ones; a snapshot due while the previous one is still being
      // written is taken after a later batch (how much later depends on the machine's speed: on a slow one the
      // writer can lag by hundreds of events), so the periodic ones are at least 50 events apart, not at multiples
      assertThat(kept).hasSize(3).first().isEqualTo((long) n);
      long latest = kept.get(1);
      long older = kept.get(2);
      assertThat(latest).isLessThan(n).isGreaterThanOrEqualTo(older + 50);
      assertThat(older).isGreaterThanOrEqualTo(50);
      try (MarginEngine reference = IndependentReplay.of(Workload.settings(), payloads)) {
        String digest = StateDigest.digest(reference);
        // a crash after a periodic snapshot: the latest periodic one, and the tail after it
        sql(t.location(), "DELETE FROM snapshots WHERE seq = " + n);
        recoverAndCheck(t.location(), every50, reference, digest, latest, n);
        // the close wrote one after event n again; now: n corrupt bytes, the latest another format version
        sql(t.location(), "UPDATE snapshots SET engine_state = ? WHERE seq = " + n, new byte[] {31, -117, 8, 0, 1});
        sql(t.location(), "UPDATE snapshots SET format_version = 99 WHERE seq = " + latest);
        recoverAndCheck(t.location(), every50, reference, digest, older, n);
        // every one bad (the one after event n corrupt again, the older one's digest not its state's): full replay
        sql(t.location(), "UPDATE snapshots SET engine_state = ? WHERE seq = " + n, new byte[] {1, 2, 3});
        sql(t.location(), "UPDATE snapshots SET digest = 'x' WHERE seq = " + older);
        recoverAndCheck(t.location(), every50, reference, digest, 0, n);
      }
    }
  }

  private static void recoverAndCheck(StoreLocation location, MarginService.Options options, MarginEngine reference,
      String digest, long fromSnapshot, int n) {
    try (MarginService s = MarginService.open(location, Workload.settings(), options)) {
      assertThat(s.recoveredSnapshot()).isEqualTo(fromSnapshot);
      assertThat(s.lastSequence()).isEqualTo(n);
      assertThat(StateDigest.digest(s.engine())).isEqualTo(digest);
      assertThat(s.engine().margins()).isEqualTo(reference.margins()); // records: doubles by their bits
      assertThat(s.engine().losses()).isEqualTo(reference.losses());
      assertThat(s.engine().snapshot()).isEqualTo(reference.snapshot());
    }
  }

  private static void sql(StoreLocation location, String statement, byte[]... bytes) throws Exception {
    try (Connection c = DriverManager.getConnection(location.jdbcUrl());
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < bytes.length; i++) {
        ps.setBytes(i + 1, bytes[i]);
      }
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}
