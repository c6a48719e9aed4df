package org.pmargin.data.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.data.CsvFiles;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.DataFiles;
import org.pmargin.data.history.CleaningReport.Action;
import org.pmargin.data.history.DataCleaning.Rule;
import org.pmargin.data.history.HistoryStore.Source;

/**
 * The loaders on the data shipped with the project ({@code data/}): row counts and ranges of the README's tables,
 * every known bad row in the cleaning report, and the day-boundary and quote-currency conventions. The same checks
 * on the full data set, and those of the files the project does not ship, are in {@link FullDataSetTest}.
 */
class HistoryStoreTest {

  private static final Path DATA = DataDirectory.shipped().orElseThrow();

  private static HistoryStore store;

  @BeforeAll
  static void load() {
    assertThat(Files.isDirectory(DATA)).as("data directory " + DATA.toAbsolutePath()).isTrue();
    store = HistoryStore.loadFrom(DATA);
  }

  @Test
  void shouldMatchTheReadmesDailyTable() {
    PriceSeries btc = store.daily(Asset.BTC);
    assertThat(btc.size()).isEqualTo(3800);
    assertThat(btc.date(0)).isEqualTo(LocalDate.of(2014, 9, 17));
    assertThat(btc.date(btc.size() - 1)).isEqualTo(LocalDate.of(2025, 2, 10));
    assertThat(store.daily(Asset.ETH).size()).isEqualTo(2651);
    assertThat(store.daily(Asset.of("AVAX")).size()).isEqualTo(1603);
    assertThat(store.daily(Asset.of("UST")).size()).isEqualTo(684);
    assertThat(store.daily(Asset.of("UST")).date(683)).isEqualTo(LocalDate.of(2022, 10, 9));
    assertThat(store.all(Source.DAILY)).hasSize(20);
    assertThat(store.all(Source.COINGECKO)).isEmpty(); // not shipped: FullDataSetTest checks it
  }

  @Test
  void shouldReadDvolAsLevelSeries() {
    for (String a : List.of("BTCDVOL", "ETHDVOL")) {
      PriceSeries s = store.series(Source.VOL_INDEX, Asset.of(a));
      assertThat(s.size()).as(a).isEqualTo(1839);
      assertThat(s.date(0)).isEqualTo(LocalDate.of(2021, 3, 24));
      assertThat(s.date(s.size() - 1)).isEqualTo(LocalDate.of(2026, 4, 5));
    }
    double[] btc = store.series(Source.VOL_INDEX, Asset.of("BTCDVOL")).values();
    assertThat(Arrays.stream(btc).min().orElseThrow()).isGreaterThan(30);
    assertThat(Arrays.stream(btc).max().orElseThrow()).isLessThan(160);
  }

  @Test
  void shouldHaveNoNonPositiveValue() {
    for (Source s : Source.values()) {
      for (PriceSeries p : store.all(s).values()) {
        assertThat(Arrays.stream(p.values()).allMatch(v -> v > 0 && Double.isFinite(v))).as(s + " " + p.asset())
            .isTrue();
        assertThat(p.size()).as(s + " " + p.asset()).isPositive();
      }
    }
  }

  @Test
  void shouldReportEveryQcRow() {
    List<Map<String, String>> qc = CsvFiles.read(DataFiles.resolve(DATA, HistoryStore.QC_FILE));
    assertThat(qc).hasSize(124);
    Set<String> reported = store.report().entries().stream()
        .filter(e -> e.rule() == Rule.QC_CLOSE_GLITCH || e.rule() == Rule.QC_NEXT_OPEN_GLITCH
            || e.rule() == Rule.QC_UNVERIFIED)
        .map(e -> e.file() + "," + e.time()).collect(Collectors.toSet());
    for (Map<String, String> row : qc) {
      assertThat(reported).contains(row.get("file") + "," + row.get("date"));
    }
    assertThat(store.report().byRule(Rule.QC_CLOSE_GLITCH)).hasSize(72)
        .allMatch(e -> e.action() == Action.FIXED);
    assertThat(store.report().byRule(Rule.QC_NEXT_OPEN_GLITCH)).hasSize(47);
    assertThat(store.report().byRule(Rule.QC_UNVERIFIED)).hasSize(5);
    assertThat(store.report().entries()).noneMatch(e -> e.reason().contains("differs from QC close"));
  }

  @Test
  void shouldRepairTheBtcCloseOf20211214FromTheNextOpen() {
    PriceSeries btc = store.daily(Asset.BTC);
    assertThat(btc.value(btc.indexOf(LocalDate.of(2021, 12, 14)))).isEqualTo(48379.8, within(1.0));
    // suspect_side=next_open: BTC 2021-01-28 close is kept
    assertThat(store.report().byAsset("BTC")).anyMatch(e -> e.rule() == Rule.QC_NEXT_OPEN_GLITCH
        && e.time().equals("2021-01-28") && e.action() == Action.FLAGGED);
  }

  @Test
  void shouldReadTheShippedHourlyRanges() {
    // data/hourly keeps 13,133 bars per coin (data/README.md); one of them, inside the 2020-03 window, is a flat
    // filler bar (volume 0, O=H=L=C = previous close), dropped and reported.
    for (Asset coin : List.of(Asset.BTC, Asset.ETH)) {
      assertThat(store.hourlyBars(coin)).as(coin.code()).hasSize(13_133 - 1);
      assertThat(store.report().byRule(Rule.HOURLY_FLAT_FILLER).stream().filter(e -> e.asset().equals(coin.code())))
          .hasSize(1);
    }
    // Between two shipped ranges there are no bars: each stretch is one report entry, not one per day.
    assertThat(store.report().byRule(Rule.HOURLY_NO_2300_BAR).stream().filter(e -> e.asset().equals("BTC")))
        .hasSizeBetween(8, 30)
        .anyMatch(e -> e.time().startsWith("2020-03-24..") && e.reason().contains("consecutive days"));
    PriceSeries usdt = store.series(Source.HOURLY_2300_USDT, Asset.BTC);
    assertThat(usdt.date(usdt.size() - 1)).isEqualTo(LocalDate.of(2025, 12, 1));
    assertThat(usdt.dates()).filteredOn(d -> d.isAfter(LocalDate.of(2025, 2, 10))).hasSize(294);
  }

  @Test
  void shouldConvertHourlyToUsdByMultiplying() {
    // On the shipped ranges as on the full set (FullDataSetTest, the README's 0.104 % and 0.07 %): multiplying the
    // USDT closes by USDT/USD brings them closer to Yahoo's USD closes.
    for (Asset coin : List.of(Asset.BTC, Asset.ETH)) {
      double asUsdt = medianAbsDiff(store.series(Source.HOURLY_2300_USDT, coin), store.daily(coin), 0);
      double asUsd = medianAbsDiff(store.series(Source.HOURLY_2300_USD, coin), store.daily(coin), 0);
      assertThat(asUsd).as(coin.code()).isLessThan(asUsdt).isLessThan(0.0015);
    }
  }

  @Test
  void shouldPrintTheReport() {
    var bytes = new java.io.ByteArrayOutputStream();
    store.report().print(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains("QC_CLOSE_GLITCH FIXED: 72").contains("daily/BTC.csv:");
  }

  /** Median of |a(d + lag) / b(d) - 1| over the dates both have. */
  private static double medianAbsDiff(PriceSeries a, PriceSeries b, int lag) {
    List<Double> d = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      int j = a.indexOf(b.date(i).plusDays(lag));
      if (j >= 0) {
        d.add(Math.abs(a.value(j) / b.value(i) - 1));
      }
    }
    assertThat(d).hasSizeGreaterThan(100);
    d.sort(null);
    return d.get(d.size() / 2);
  }

  private static org.assertj.core.data.Offset<Double> within(double v) {
    return org.assertj.core.data.Offset.offset(v);
  }
}
