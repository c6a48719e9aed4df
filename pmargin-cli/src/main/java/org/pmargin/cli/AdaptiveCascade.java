package org.pmargin.cli;

import org.pmargin.data.history.HistorySource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.adaptive.AdaptiveComparison;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.margin.simulation.SimulationConfig;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.data.history.HistoryStore;
import org.pmargin.data.history.HourlyBar;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.replay.ImpactFeedback;
import org.pmargin.engine.replay.LiveCrashReplay;

/**
 * The crash-window half of {@code pmargin adaptive}: the cascade simulator ({@link LiveCrashReplay}, as
 * {@code pmargin cascade}) under the static simulation model (ES 97.5% over filtered historical scenarios rescaled
 * to the EWMA vol of the day before the window) and under the same scenarios rescaled instead to each adaptive
 * model's vol forecast for that day, σ_model/σ_EWMA per coin ({@code ScenarioSet.scaled}). The scenarios are fixed
 * through a window, so the adaptive vol sets the margin's level at the window's start, not its path within it.
 */
final class AdaptiveCascade {

  /**
   * One run.
   *
   * @param window  the window's id
   * @param model  static or the adaptive model
   * @param ratios  σ_model/σ_EWMA applied per coin
   * @param summary  what the replay did
   */
  record Run(String window, String model, Map<Asset, Double> ratios, LiveCrashReplay.Summary summary) {

    /** Losses beyond the accounts' collateral: insurance-fund draws, socialised loss and uncovered bad debt. */
    double lossesBeyondCollateralUsd() {
      LiveCrashReplay.LiquidationTotals l = summary.liquidation();
      return l.losses() == null ? l.badDebtUsd()
          : l.losses().drawnUsd() + l.losses().socialisedUsd() + l.badDebtUsd();
    }
  }

  private AdaptiveCascade() {
  }

  /**
   * Replays each window under the static model and each adaptive one.
   *
   * @param windows  the crash windows
   * @param days  days replayed from each window's start
   * @param accounts  the population's size
   * @param seed  the population's seed
   * @param models  the adaptive models to run (those with forecasts for both coins)
   * @param outcomes  the history comparison's outcomes by coin (for the vol ratios)
   * @param store  the data directory's store
   * @param dataDir  the data directory
   * @return the runs, window by window, static first
   */
  static List<Run> run(List<CrashWindow> windows, int days, int accounts, long seed, List<String> models,
      Map<Asset, AdaptiveComparison.Outcome> outcomes, HistoryStore store, Path dataDir) {
    List<Asset> coins = List.of(Asset.BTC, Asset.ETH).stream().filter(outcomes::containsKey).toList();
    CascadeInputs inputs = CascadeInputs.load(store, coins);
    Map<Asset, List<HourlyBar>> bars = inputs.bars();
    Map<Asset, PriceSeries> vols = inputs.vols();
    List<Run> out = new ArrayList<>();
    if (bars.isEmpty()) {
      return out;
    }
    HistorySource history = HistorySource.of(store);
    RiskParameters risk = RiskParameters.defaults();
    SimulationConfig config = risk.simulation().with(risk.simulation().scenarios(), 1, false);
    for (CrashWindow w : windows) {
      Instant start = w.start().atStartOfDay(ZoneOffset.UTC).toInstant();
      LocalDate last = w.start().plusDays(days - 1L);
      if (last.isAfter(w.end())) {
        last = w.end();
      }
      Instant end = last.atTime(23, 45).toInstant(ZoneOffset.UTC);
      LiquidationConfig liquidation = LiquidationConfig.defaults().withLiquidity(
          org.pmargin.engine.liquidation.ReplayLiquidity.calibrated(dataDir, store, bars.keySet(), w.start()));
      SimulationMarginModel base = (SimulationMarginModel) CascadeModels.forWindow(List.of("simulation"), history,
          start, 0).get(0);
      List<String> all = new ArrayList<>();
      all.add("static");
      all.addAll(models);
      for (String model : all) {
        Map<Asset, Double> ratios = new LinkedHashMap<>();
        for (Asset coin : bars.keySet()) {
          ratios.put(coin, model.equals("static") ? 1.0 : outcomes.get(coin).volRatio(model, w.start()));
        }
        SimulationMarginModel m = model.equals("static") ? base : new SimulationMarginModel(
            base.scenarios().scaled(ratios, base.scenarios().name() + " rescaled to " + model), config.margin());
        LiveCrashReplay.Summary s = LiveCrashReplay.run(bars, vols, m, new LiveCrashReplay.Settings(start, end,
            Duration.ofMinutes(15), accounts, 6, seed, Runtime.getRuntime().availableProcessors(), liquidation,
            0.08, 0, ImpactFeedback.defaults()), (snapshot, outcome) -> { });
        out.add(new Run(w.id(), model, ratios, s));
      }
    }
    return out;
  }
}
