package org.pmargin.server.api;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginModels;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.data.history.HistoryStore;
import org.pmargin.engine.liquidation.EngineLiquidity;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.replay.ImpactFeedback;
import org.pmargin.server.demo.DemoWindow;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard's two reports, each computed once on a background thread the first time it is asked for and then
 * served from memory (the shipped data does not change while the server runs): the liquidation cascade of the demo's
 * crash window under each margin model ({@link CascadeReport}, {@code pmargin cascade}'s run) and the backtest of
 * simulation margin against realised losses ({@link BacktestReport}, {@code pmargin backtest}'s). Until a report is
 * ready its route answers 202.
 */
final class Reports {

  /**
   * The reports' sizes: the cascade's window, days, accounts, seed and models; the backtest's lookback. Defaults are
   * {@code pmargin cascade}'s and {@code pmargin backtest}'s; system properties {@code pmargin.reports.days},
   * {@code pmargin.reports.accounts} change the cascade's size (the tests' smaller run).
   *
   * @param window  the stress event replayed
   * @param days  days of it
   * @param accounts  the synthetic population's size
   * @param seed  its seed
   * @param models  the models compared
   * @param collateral  each account's collateral as a fraction of its gross notional (the same under every model)
   * @param lookback  the backtest's scenarios per day
   */
  record Settings(String window, int days, int accounts, long seed, List<String> models, double collateral,
      int lookback) {

    /** The defaults, sizes from the system properties when set. */
    static Settings fromSystemProperties() {
      return new Settings(DemoWindow.DEFAULT, Integer.getInteger("pmargin.reports.days", 4),
          Integer.getInteger("pmargin.reports.accounts", 500), 14, List.of("isolated", "cross", "grid",
              "sensitivity"), 0.08, 500);
    }
  }

  private final Supplier<Path> dataDir;
  private final Settings settings;
  private CompletableFuture<ObjectNode> cascade;
  private CompletableFuture<ObjectNode> backtest;

  Reports(Supplier<Path> dataDir, Settings settings) {
    this.dataDir = dataDir;
    this.settings = settings;
  }

  /** The settings. */
  Settings settings() {
    return settings;
  }

  /** The cascade report: started on the first call, then the same future. */
  synchronized CompletableFuture<ObjectNode> cascade() {
    if (cascade == null) {
      cascade = start("pmargin-report-cascade", () -> {
        Path dir = dataDir.get();
        DemoWindow w = DemoWindow.read(dir, settings.window(), settings.days());
        HistoryStore store = HistoryStore.loadFrom(dir);
        EngineLiquidity liquidity = org.pmargin.engine.liquidation.ReplayLiquidity.calibrated(dir, store,
            w.bars().keySet(), w.start().atZone(java.time.ZoneOffset.UTC).toLocalDate());
        return CascadeReport.run(w, models(), settings, LiquidationConfig.defaults().withLiquidity(liquidity),
            ImpactFeedback.defaults());
      });
    }
    return cascade;
  }

  /** The backtest report: started on the first call, then the same future. */
  synchronized CompletableFuture<ObjectNode> backtest() {
    if (backtest == null) {
      backtest = start("pmargin-report-backtest", () -> BacktestReport.run(HistoryStore.loadFrom(dataDir.get()),
          settings.lookback()));
    }
    return backtest;
  }

  private List<MarginModel> models() {
    RiskParameters risk = RiskParameters.defaults();
    return settings.models().stream().map(n -> MarginModels.byName(n, risk)).toList();
  }

  private static CompletableFuture<ObjectNode> start(String name, Supplier<ObjectNode> work) {
    CompletableFuture<ObjectNode> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        f.complete(work.get());
      } catch (RuntimeException | Error e) {
        f.completeExceptionally(e);
      }
    }, name);
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return f;
  }
}
