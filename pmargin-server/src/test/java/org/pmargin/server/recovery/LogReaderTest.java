package org.pmargin.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.LoggedEvent;
import org.pmargin.server.store.StoreLocation;

/** The replay's reading thread: every event once, in order, across chunks; a consumer's failure stops it. */
class LogReaderTest {

  @TempDir
  Path tmp;

  @Test
  void shouldHandEveryEventInOrderAndStopOnAFailure() {
    try (EventStore store = EventStore.open(StoreLocation.embedded(tmp))) {
      List<LoggedEvent> events = new ArrayList<>();
      for (long s = 1; s <= 50_001; s++) {
        events.add(new LoggedEvent(s, "c" + s, "deposit", "{\"n\":" + s + "}", "{}"));
      }
      store.append(events);
      List<Long> seen = new ArrayList<>();
      LogReader.each(store, e -> seen.add(e.sequence()));
      assertThat(seen).hasSize(50_001);
      for (int i = 0; i < seen.size(); i++) {
        assertThat(seen.get(i)).isEqualTo(i + 1L);
      }
      assertThatThrownBy(() -> LogReader.each(store, e -> {
        if (e.sequence() == 7_777) {
          throw new IllegalStateException("bad event 7777");
        }
      })).isInstanceOf(IllegalStateException.class).hasMessage("bad event 7777");
      // The store is free again: the reader thread ended.
      assertThat(store.count()).isEqualTo(50_001);
    }
  }
}
