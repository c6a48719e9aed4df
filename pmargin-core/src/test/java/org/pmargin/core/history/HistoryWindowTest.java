package org.pmargin.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.core.validation.InvalidInputException;

/** The cut-off rule, the command-line window and its refusals, sub-series and crash windows seen through it. */
class HistoryWindowTest {

  private static final Instant AS_OF = Instant.parse("2024-06-17T10:22:20Z");

  @ParameterizedTest
  @ValueSource(strings = {"2024-06-17T00:00:00Z", "2024-06-17T10:22:20Z", "2024-06-17T23:59:59Z"})
  void shouldCutAtTheUtcDayBeforeTheSnapshot(String asOf) {
    // a day's close is at its end: at any time on 2024-06-17 the last final close is 2024-06-16's
    assertThat(HistoryWindow.cutOff(Instant.parse(asOf))).isEqualTo(LocalDate.of(2024, 6, 16));
    HistoryWindow w = HistoryWindow.atSnapshot(Instant.parse(asOf));
    assertThat(w.from()).isNull();
    assertThat(w.to()).isEqualTo(LocalDate.of(2024, 6, 16));
    assertThat(w.field()).isEqualTo("market.as_of");
  }

  @Test
  void shouldCountTheLookbackInDaysOfReturnsEndingAtTo() {
    // 365 daily returns ending 2024-06-16 need the closes from 2023-06-17 (2024-02 has 29 days)
    HistoryWindow w = HistoryWindow.of(AS_OF, null, null, 365);
    assertThat(w.from()).isEqualTo(LocalDate.of(2023, 6, 17));
    assertThat(w.to()).isEqualTo(LocalDate.of(2024, 6, 16));
    assertThat(w.field()).isEqualTo("--lookback-days");
    HistoryWindow earlier = HistoryWindow.of(AS_OF, null, LocalDate.of(2020, 3, 31), 30);
    assertThat(earlier.from()).isEqualTo(LocalDate.of(2020, 3, 1));
    assertThat(earlier.describe()).isEqualTo("2020-03-01..2020-03-31 (--to; cut-off 2024-06-16 for snapshot as_of "
        + "2024-06-17T10:22:20Z)");
    assertThat(HistoryWindow.of(AS_OF, LocalDate.of(2019, 1, 1), null, null).describe())
        .isEqualTo("2019-01-01..2024-06-16 (cut at snapshot as_of 2024-06-17T10:22:20Z)");
  }

  @Test
  void shouldRefuseAWindowPastTheCutOffOrMalformed() {
    assertThatThrownBy(() -> HistoryWindow.of(AS_OF, null, LocalDate.of(2024, 6, 17), null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("--to"))
        .hasMessageContaining("2024-06-16");
    assertThatThrownBy(() -> HistoryWindow.of(AS_OF, LocalDate.of(2020, 1, 1), null, 30))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("--lookback-days"));
    assertThatThrownBy(() -> HistoryWindow.of(AS_OF, null, null, 0))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("--lookback-days"));
    assertThatThrownBy(() -> HistoryWindow.of(AS_OF, LocalDate.of(2022, 1, 2), LocalDate.of(2022, 1, 1), null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("--from"));
  }

  @Test
  void shouldKeepOnlyTheObservationsInsideTheWindow() {
    LocalDate d = LocalDate.of(2024, 6, 10);
    PriceSeries s = new PriceSeries(Asset.BTC, new LocalDate[] {d, d.plusDays(2), d.plusDays(5), d.plusDays(6),
        d.plusDays(7)}, new double[] {1, 2, 3, 4, 5});
    HistoryWindow w = HistoryWindow.of(AS_OF, LocalDate.of(2024, 6, 11), null, null);
    // 2024-06-12, -15 and -16 are inside [06-11, 06-16]; 06-17 (the snapshot's own day) is not
    assertThat(w.apply(s).values()).containsExactly(2, 3, 4);
    assertThat(s.between(null, null)).isSameAs(s);
    assertThat(s.between(d.plusDays(5), d.plusDays(5)).values()).containsExactly(3);
    assertThat(s.between(d.plusDays(3), d.plusDays(4)).size()).isZero();
    assertThat(s.between(null, d.minusDays(1)).size()).isZero();
    assertThat(s.between(d.plusDays(8), null).size()).isZero();
  }

  @Test
  void shouldSkipCutOrKeepACrashWindow() {
    CrashWindow ftx = new CrashWindow("ftx", "FTX", LocalDate.of(2022, 11, 6), LocalDate.of(2022, 11, 14));
    LocalDate from = LocalDate.of(2022, 1, 1);
    // after the window's end: skipped
    assertThat(ftx.clippedTo(from, LocalDate.of(2022, 11, 5))).isEmpty();
    // straddling the end: cut there
    Optional<CrashWindow> cut = ftx.clippedTo(from, LocalDate.of(2022, 11, 9));
    assertThat(cut).get().extracting(CrashWindow::start, CrashWindow::end)
        .containsExactly(LocalDate.of(2022, 11, 6), LocalDate.of(2022, 11, 9));
    assertThat(cut.get().description()).contains("cut to 2022-11-06..2022-11-09");
    // straddling the start: the replay starts the day after the window's first close
    assertThat(ftx.clippedTo(LocalDate.of(2022, 11, 8), LocalDate.of(2023, 1, 1))).get()
        .extracting(CrashWindow::start).isEqualTo(LocalDate.of(2022, 11, 9));
    // the window's first close is the crash's last day: no day left after it
    assertThat(ftx.clippedTo(LocalDate.of(2022, 11, 14), LocalDate.of(2023, 1, 1))).isEmpty();
    // wholly inside: unchanged
    assertThat(ftx.clippedTo(null, LocalDate.of(2023, 1, 1))).containsSame(ftx);
    assertThat(ftx.clippedTo(LocalDate.of(2022, 11, 5), LocalDate.of(2022, 11, 14))).containsSame(ftx);
  }
}
