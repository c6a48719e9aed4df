package org.pmargin.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.LoggedEvent;
import org.pmargin.server.support.IndependentReplay;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;

/**
 * The service on both databases: concurrent clients, group commit, a gap-free log, and a state equal (bit for bit)
 * to an independent replay of the acknowledged requests, before and after a restart.
 */
class MarginServiceTest {

  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void shouldEqualAnIndependentReplayOfTheAcknowledgedEventsBeforeAndAfterARestart(Stores.Kind kind)
      throws Exception {
    List<Command> commands = Workload.generate(7, 12, 800, "w7-");
    List<Answer> acked = new ArrayList<>();
    List<String> before;
    try (Stores.TestStore t = Stores.create(kind, tmp)) {
      try (MarginService s = MarginService.open(t.location(), Workload.settings(), MarginService.Options.defaults())) {
        // The accounts first (in order), then four clients at once.
        for (Command c : commands.subList(0, 24)) {
          acked.add(s.submit(c).get());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
          List<CompletableFuture<Answer>> futures = new ArrayList<>();
          for (Command c : commands.subList(24, commands.size())) {
            futures.add(CompletableFuture.supplyAsync(() -> s.submit(c), pool).thenCompose(f -> f));
          }
          for (CompletableFuture<Answer> f : futures) {
            acked.add(f.get());
          }
        } finally {
          pool.shutdown();
        }
        assertThat(s.lastSequence()).isEqualTo(commands.size());
        before = margins(s.engine());
      }
      acked.sort(Comparator.comparingLong(Answer::sequence));
      assertThat(acked).extracting(Answer::sequence)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, commands.size()).boxed().toList());
      assertThat(acked).filteredOn(a -> !a.accepted()).isNotEmpty(); // some withdrawals were refused
      assertThat(acked).filteredOn(a -> a.json().contains("\"liquidations\"")).isNotEmpty();

      List<String> payloads = new ArrayList<>();
      try (EventStore st = EventStore.open(t.location())) {
        st.read(0, (LoggedEvent e) -> payloads.add(e.payload()));
      }
      try (MarginEngine reference = IndependentReplay.of(Workload.settings(), payloads)) {
        assertThat(reference.accountCount()).isEqualTo(12);
        assertThat(before).containsExactlyElementsOf(margins(reference));
        try (MarginService s = MarginService.open(t.location(), Workload.settings(),
            MarginService.Options.defaults())) {
          assertThat(s.lastSequence()).isEqualTo(commands.size());
          assertThat(s.engine().margins()).isEqualTo(reference.margins()); // records: doubles by their bits
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void shouldWriteSnapshotsPeriodicallyAndOnCloseAndRecoverFromTheLatest(Stores.Kind kind) throws Exception {
    List<Command> commands = Workload.generate(11, 5, 300, "s11-");
    try (Stores.TestStore t = Stores.create(kind, tmp)) {
      MarginService.Options every50 = new MarginService.Options(1, 50, 1000);
      try (MarginService s = MarginService.open(t.location(), Workload.settings(), every50)) {
        for (Command c : commands) {
          s.submit(c).get();
        }
      }
      try (EventStore st = EventStore.open(t.location())) {
        // every 50 events (written in the background) and on close; the last three kept
        assertThat(st.snapshotSequences()).hasSize(3).first().isEqualTo((long) commands.size());
        assertThat(st.latestSnapshot()).hasValueSatisfying(r -> {
          assertThat(r.sequence()).isEqualTo(commands.size());
          assertThat(r.accountCount()).isEqualTo(5);
          assertThat(org.pmargin.engine.book.EngineStateCodec.read(r.state()).accounts())
              .extracting(org.pmargin.engine.book.EngineState.Account::id).contains("acct-4");
        });
      }
      try (MarginService s = MarginService.open(t.location(), Workload.settings(), every50)) {
        assertThat(s.recoveredSnapshot()).isEqualTo(commands.size());
        assertThat(s.recovery()[0]).isEqualTo(commands.size());
        assertThat(s.lastSequence()).isEqualTo(commands.size());
      }
    }
  }

  /** Every account's figures by their bits, for readable failures. */
  public static List<String> margins(MarginEngine e) {
    return e.margins().stream().map(m -> m.accountId() + " " + Double.doubleToRawLongBits(m.health().equityUsd())
        + " " + Double.doubleToRawLongBits(m.health().initialMarginUsd()) + " "
        + Double.doubleToRawLongBits(m.health().maintenanceMarginUsd()) + " " + m.health().state()).toList();
  }
}
