package org.pmargin.core.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.scenario.FilteredHistoricalScenarios;
import org.pmargin.core.scenario.HistoricalScenarios;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.stats.Ewma;

/**
 * The adaptive presets' scenarios: the filter hook of filtered historical simulation (a constant filter replays the
 * plain history, so the hook itself adds nothing), and the GARCH and GJR filters on a regime change (history at 1 %
 * daily vol, the last 150 days at 4 %: the scenarios come out at the fitted model's own forecast, which is its
 * filter's last value, and the calm days are scaled up by the ratio the fitted filter gives them).
 */
class GarchFilteredScenariosTest {

  private static PriceSeries path(double[] r) {
    LocalDate[] d = new LocalDate[r.length + 1];
    double[] p = new double[r.length + 1];
    d[0] = LocalDate.of(2020, 1, 1);
    p[0] = 100;
    for (int t = 0; t < r.length; t++) {
      d[t + 1] = d[t].plusDays(1);
      p[t + 1] = p[t] * Math.exp(r[t]);
    }
    return new PriceSeries(Asset.BTC, d, p);
  }

  private static double[] regimes(long seed) {
    SplittableRandom g = new SplittableRandom(seed);
    double[] r = new double[900];
    for (int t = 0; t < r.length; t++) {
      double z = Math.sqrt(-2 * Math.log(1 - g.nextDouble())) * Math.cos(2 * Math.PI * g.nextDouble());
      r[t] = (t < 750 ? 0.01 : 0.04) * z;
    }
    return r;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void shouldReplayThePlainHistoryThroughAConstantFilter(long seed) {
    List<PriceSeries> prices = List.of(path(regimes(seed)));
    Ewma ewma = Ewma.riskMetrics();
    ScenarioSet flat = FilteredHistoricalScenarios.build(prices, Map.of(), 1, ewma, (f, r) -> {
      double[] v = new double[r.length + 1];
      java.util.Arrays.fill(v, 0.02);
      return v;
    }, "flat");
    ScenarioSet hs = HistoricalScenarios.build(prices, Map.of(), 1);
    int burn = ewma.seedObservations();
    assertThat(flat.size()).isEqualTo(hs.size() - burn);
    for (int i = 0; i < flat.size(); i++) {
      assertThat(flat.logReturn(i, 0)).isCloseTo(hs.logReturn(i + burn, 0), within(1e-15));
    }
    assertThat(flat.name()).startsWith("filtered historical 1d flat ");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void shouldScaleHistoryToTheFittedModelsForecast(long seed) {
    double[] r = regimes(seed);
    List<PriceSeries> prices = List.of(path(r));
    double[] logReturns = new double[r.length];
    for (int t = 0; t < r.length; t++) { // the returns as the aligned history computes them from the prices
      logReturns[t] = Math.log(prices.get(0).value(t + 1) / prices.get(0).value(t));
    }
    for (GarchFit.Variant variant : GarchFit.Variant.values()) {
      ScenarioSet set = GarchFilteredScenarios.build(prices, Map.of(), 1, Ewma.riskMetrics(), variant);
      GarchFit fit = GarchFit.fit(logReturns, variant, false);
      double[] v = Garch.variances(fit.parameters(), logReturns, fit.sampleVariance());
      double next = Math.sqrt(v[r.length]);
      assertThat(next).as("the fitted forecast after a 4 %% regime: twice the calm 1 %% at least")
          .isBetween(0.02, 0.055);
      int burn = Ewma.riskMetrics().seedObservations();
      for (int i = 0; i < set.size(); i += 97) {
        int t = i + burn;
        assertThat(set.logReturn(i, 0)).isCloseTo(logReturns[t] * next / Math.sqrt(v[t]),
            within(1e-12 * Math.abs(logReturns[t]) * next / Math.sqrt(v[t]) + 1e-18));
      }
      assertThat(set.name()).contains(variant.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  @org.junit.jupiter.api.Test
  void shouldFilterOnlyTheOfferedUnderlyingsAndMatchTheDocument() throws Exception {
    double[] r = regimes(5);
    PriceSeries btc = path(r);
    PriceSeries sol = new PriceSeries(Asset.of("SOL"), dates(btc), values(btc));
    ScenarioSet set = GarchFilteredScenarios.build(List.of(btc, sol), Map.of(), 1, Ewma.riskMetrics(),
        GarchFit.Variant.GJR);
    ScenarioSet ewma = FilteredHistoricalScenarios.build(List.of(btc, sol), Map.of(), 1, Ewma.riskMetrics());
    for (int i = 0; i < set.size(); i++) {
      assertThat(set.logReturn(i, 1)).isEqualTo(ewma.logReturn(i, 1)); // SOL: not offered, the EWMA's bit for bit
    }
    assertThat(set.logReturn(set.size() - 1, 0)).isNotEqualTo(ewma.logReturn(set.size() - 1, 0));
    // the list equals the document's "Presets offered": the underlyings whose line names garch (and gjr)
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "ADAPTIVE.md"));
    String section = doc.substring(doc.indexOf("## Presets offered"), doc.indexOf("## Where each model wins"));
    java.util.Set<Asset> garch = new java.util.HashSet<>();
    java.util.Set<Asset> gjr = new java.util.HashSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("- `adaptive-([a-z]+)`: ([a-z, ]+) \\(")
        .matcher(section);
    while (m.find()) {
      List<String> models = List.of(m.group(2).split(", "));
      if (models.contains("garch")) {
        garch.add(Asset.of(m.group(1).toUpperCase(java.util.Locale.ROOT)));
      }
      if (models.contains("gjr")) {
        gjr.add(Asset.of(m.group(1).toUpperCase(java.util.Locale.ROOT)));
      }
    }
    assertThat(garch).isEqualTo(GarchFilteredScenarios.OFFERED);
    assertThat(gjr).isEqualTo(GarchFilteredScenarios.OFFERED);
  }

  private static LocalDate[] dates(PriceSeries p) {
    LocalDate[] d = new LocalDate[p.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = p.date(i);
    }
    return d;
  }

  private static double[] values(PriceSeries p) {
    double[] v = new double[p.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = p.value(i) * (1 + 0.001 * Math.sin(i)); // another path, the same dates
    }
    return v;
  }

  @org.junit.jupiter.api.Test
  void shouldNameTheKindsAndRefuseAFilterOfTheWrongLength() {
    assertThat(GarchFilteredScenarios.variantOf("filtered-garch")).isEqualTo(GarchFit.Variant.GARCH);
    assertThat(GarchFilteredScenarios.variantOf("filtered-gjr")).isEqualTo(GarchFit.Variant.GJR);
    assertThat(GarchFilteredScenarios.variantOf("filtered")).isNull();
    List<PriceSeries> prices = List.of(path(regimes(9)));
    assertThatThrownBy(() -> FilteredHistoricalScenarios.build(prices, Map.of(), 1, Ewma.riskMetrics(),
        (f, r) -> new double[r.length], "short")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("901");
  }
}
