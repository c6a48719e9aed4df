package org.pmargin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pmargin.server.support.Stores;

/** The event log on both databases: batches commit whole or not at all, read back in order, survive reopening. */
class EventStoreTest {

  @TempDir
  Path tmp;

  private static List<LoggedEvent> events(long from, int n) {
    List<LoggedEvent> out = new ArrayList<>();
    for (long s = from; s < from + n; s++) {
      out.add(new LoggedEvent(s, "c" + s, "deposit", "{\"seq\":" + s + "}", "{\"sequence\":" + s + "}"));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void shouldAppendBatchesAndReadThemBackInOrderAfterReopening(Stores.Kind kind) {
    try (Stores.TestStore t = Stores.create(kind, tmp)) {
      try (EventStore s = EventStore.open(t.location())) {
        assertThat(s.lastSequence()).isZero();
        s.append(events(1, 250));
        s.append(events(251, 1));
        s.putMeta("settings", "{\"x\":1}");
        for (long seq : new long[] {100, 200, 251}) {
          s.writeSnapshot(new SnapshotRow(seq, "2026-01-01T00:00:00Z", 1, 3, "ab" + seq, "{}",
              new byte[] {1, 2, (byte) seq}), 2); // keeps the latest two
        }
      }
      try (EventStore s = EventStore.open(t.location())) {
        assertThat(s.lastSequence()).isEqualTo(251);
        assertThat(s.count()).isEqualTo(251);
        List<LoggedEvent> back = new ArrayList<>();
        assertThat(s.read(100, back::add)).isEqualTo(151);
        assertThat(back).containsExactlyElementsOf(events(101, 151));
        assertThat(s.find("c42")).contains(events(42, 1).get(0));
        assertThat(s.find("nope")).isEmpty();
        assertThat(s.meta("settings")).contains("{\"x\":1}");
        assertThat(s.snapshotSequences()).containsExactly(251L, 200L);
        assertThat(s.snapshot(100)).isEmpty();
        assertThat(s.latestSnapshot()).hasValueSatisfying(r -> {
          assertThat(r.sequence()).isEqualTo(251);
          assertThat(r.formatVersion()).isEqualTo(1);
          assertThat(r.accountCount()).isEqualTo(3);
          assertThat(r.digest()).isEqualTo("ab251");
          assertThat(r.parameters()).isEqualTo("{}");
          assertThat(r.state()).containsExactly(1, 2, (byte) 251);
        });
        List<String> ids = new ArrayList<>();
        s.readClientIds(3, (id, seq) -> ids.add(seq + ":" + id));
        assertThat(ids).containsExactly("1:c1", "2:c2", "3:c3");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void shouldStoreNothingOfABatchThatFails(Stores.Kind kind) {
    try (Stores.TestStore t = Stores.create(kind, tmp); EventStore s = EventStore.open(t.location())) {
      s.append(events(1, 10));
      List<LoggedEvent> bad = new ArrayList<>(events(11, 5));
      bad.add(new LoggedEvent(16, "c3", "deposit", "{}", "{}")); // client id c3 is taken: the UNIQUE constraint
      assertThatThrownBy(() -> s.append(bad)).isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("refused a batch of 6 events");
      assertThat(s.lastSequence()).isEqualTo(10);
      assertThat(s.count()).isEqualTo(10);
      s.append(events(11, 5));
      assertThat(s.lastSequence()).isEqualTo(15);
    }
  }

  /**
   * The margins column reads back byte for byte, only when asked for, and a page stops after the event that brings
   * its margins to the byte budget (a stream resuming over a run of large ticks).
   */
  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void shouldKeepTheMarginsColumnAndBoundAPageByItsBytes(Stores.Kind kind) {
    try (Stores.TestStore t = Stores.create(kind, tmp); EventStore s = EventStore.open(t.location())) {
      List<LoggedEvent> in = new ArrayList<>();
      for (long seq = 1; seq <= 10; seq++) {
        byte[] margins = seq % 3 == 0 ? null : new byte[(int) (1000 * seq)];
        if (margins != null) {
          margins[0] = (byte) seq;
        }
        in.add(new LoggedEvent(seq, "m" + seq, "market", "{}", "{\"remargined\":" + seq + "}", margins));
      }
      s.append(in);
      List<LoggedEvent> all = new ArrayList<>();
      s.read(0, 100, true, all::add);
      assertThat(all).containsExactlyElementsOf(in);
      List<LoggedEvent> bare = new ArrayList<>();
      s.read(0, 100, false, bare::add);
      assertThat(bare).allMatch(e -> e.margins() == null).hasSize(10);
      // 1,000 + 2,000 bytes (event 3 has none) then 4,000: the page stops at event 4, which passes 5,000
      List<LoggedEvent> page = new ArrayList<>();
      assertThat(s.read(0, 100, true, 5_000, page::add)).isEqualTo(4);
      assertThat(page).containsExactlyElementsOf(in.subList(0, 4));
      List<LoggedEvent> one = new ArrayList<>();
      assertThat(s.read(4, 100, true, 1, one::add)).as("at least one event").isEqualTo(1);
    }
  }
}
