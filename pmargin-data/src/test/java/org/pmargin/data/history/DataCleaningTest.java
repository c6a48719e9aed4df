package org.pmargin.data.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.data.history.CleaningReport.Action;
import org.pmargin.data.history.DataCleaning.Rule;

/**
 * The generic rules on a small hand-made data directory ({@code src/test/resources/history/bad_rows}): empty, zero,
 * negative and non-numeric prices are dropped with the file and line, a duplicate date keeps the first row, and the
 * gaps left are flagged, not filled.
 */
class DataCleaningTest {

  private static final Path DIR = Path.of("src", "test", "resources", "history", "bad_rows");

  @Test
  void shouldDropBadRowsAndReportFileAndLine() {
    HistoryStore store = HistoryStore.loadFrom(DIR);
    PriceSeries btc = store.daily(Asset.BTC);
    assertThat(btc.dates()).containsExactly(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 6),
        LocalDate.of(2020, 1, 7));
    assertThat(btc.values()).containsExactly(10, 12, 13);
    List<CleaningReport.Entry> bad = store.report().byRule(Rule.BAD_PRICE);
    assertThat(bad).extracting(CleaningReport.Entry::line).containsExactly(3, 4, 5, 6);
    assertThat(bad).allMatch(e -> e.file().equals("daily/BTC.csv") && e.action() == Action.DROPPED);
    assertThat(bad.get(0).reason()).contains("empty");
    assertThat(bad.get(1).reason()).contains("not > 0");
    assertThat(bad.get(3).reason()).contains("'abc' is not a number");
    assertThat(store.report().byRule(Rule.DUPLICATE_DATE)).singleElement()
        .satisfies(e -> assertThat(e.toString()).contains("daily/BTC.csv:8").contains("duplicate of line 7"));
    assertThat(store.report().byRule(Rule.MISSING_DAYS)).singleElement()
        .satisfies(e -> assertThat(e.reason()).startsWith("4 missing day(s) after 2020-01-01"));
  }
}
