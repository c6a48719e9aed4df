package org.pmargin.core.adaptive;

import java.util.List;
import java.util.Map;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.scenario.FilteredHistoricalScenarios;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.scenario.VolFilter;
import org.pmargin.core.stats.Ewma;
import org.pmargin.core.validation.Checks;

/**
 * The adaptive presets of the simulation model ({@code filtered-garch}, {@code filtered-gjr}; docs/ADAPTIVE.md):
 * filtered historical simulation whose price returns are filtered by a GARCH(1,1) or GJR-GARCH(1,1) instead of the
 * EWMA. On a margin date the model is fitted once by maximum likelihood on every return of the history window (the
 * window ends the day before the snapshot, so nothing after it is seen), and its filter, seeded with the sample
 * variance, gives σ_t for every day and the forecast σ for the next; the scenarios are r_t·σ_next/σ_t as in
 * {@link FilteredHistoricalScenarios}. Only the underlyings where the model won its backtest ({@link #OFFERED}, the
 * "Presets offered" of docs/ADAPTIVE.md) are filtered so; every other factor (the other coins, stablecoins, anything
 * not judged) keeps the EWMA, as do vol-index changes. The EWMA's seed is the burn-in, so the set has as many
 * scenarios as the EWMA-filtered one.
 */
public final class GarchFilteredScenarios {

  /**
   * The underlyings where GARCH and GJR filtering won on the shipped history (docs/ADAPTIVE.md, made by
   * {@code pmargin adaptive}: both lose on coverage for LINK and SOL); {@code GarchFilteredScenariosTest} checks the
   * document still says so.
   */
  public static final java.util.Set<Asset> OFFERED = java.util.Set.of(Asset.of("BTC"), Asset.of("ETH"),
      Asset.of("ADA"), Asset.of("AVAX"), Asset.of("BNB"), Asset.of("DOGE"), Asset.of("DOT"), Asset.of("LTC"),
      Asset.of("MATIC"), Asset.of("XRP"));

  private GarchFilteredScenarios() {
  }

  /**
   * The filter: one fit per offered factor, the EWMA for the others.
   *
   * @param variant  GARCH or GJR
   * @param offered  the factors it applies to
   * @param ewma  the filter of the others
   * @return n + 1 volatilities of n returns, from the parameters fitted on all of them
   */
  public static VolFilter filter(GarchFit.Variant variant, java.util.Set<Asset> offered, Ewma ewma) {
    Checks.notNull(variant, "variant");
    Checks.notNull(offered, "offered");
    Checks.notNull(ewma, "ewma");
    return (factor, returns) -> {
      if (!offered.contains(factor)) {
        return ewma.volatilities(returns);
      }
      GarchFit fit = GarchFit.fit(returns, variant, false);
      double[] v = Garch.variances(fit.parameters(), returns, fit.sampleVariance());
      double[] out = new double[v.length];
      for (int t = 0; t < v.length; t++) {
        out[t] = Math.sqrt(v[t]);
      }
      return out;
    };
  }

  /**
   * Builds the scenario set.
   *
   * @param prices  one USD price series per factor, distinct assets, each with at least
   *     {@value GarchFit#MIN_OBSERVATIONS} returns in common
   * @param volIndices  vol-index level series keyed by factor asset (may be empty, not null)
   * @param horizonDays  h ≥ 1
   * @param ewma  the filter of the vol-index changes and the burn-in
   * @param variant  GARCH or GJR
   * @return the scenarios
   */
  public static ScenarioSet build(List<PriceSeries> prices, Map<Asset, PriceSeries> volIndices, int horizonDays,
      Ewma ewma, GarchFit.Variant variant) {
    return FilteredHistoricalScenarios.build(prices, volIndices, horizonDays, ewma, filter(variant, OFFERED, ewma),
        variant.name().toLowerCase(java.util.Locale.ROOT) + " where offered");
  }

  /**
   * The variant a scenario kind names.
   *
   * @param kind  {@code filtered-garch} or {@code filtered-gjr}
   * @return its variant, or null for another kind
   */
  public static GarchFit.Variant variantOf(String kind) {
    return switch (kind) {
      case "filtered-garch" -> GarchFit.Variant.GARCH;
      case "filtered-gjr" -> GarchFit.Variant.GJR;
      default -> null;
    };
  }
}
