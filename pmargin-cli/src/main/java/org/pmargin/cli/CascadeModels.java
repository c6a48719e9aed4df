package org.pmargin.cli;

import org.pmargin.data.history.HistorySource;
import org.pmargin.data.simulation.SimulationScenarios;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.margin.CorrelationBreakdownAddOn;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.margin.simulation.SimulationConfig;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.history.HistoryWindow;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.stats.Ewma;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The margin models a cascade compares: the command line's models by name, plus {@code simulation}, whose scenarios
 * are built per window from the data known the day before it (no look-ahead); each with or without the
 * correlation-breakdown add-on ({@link CorrelationBreakdownAddOn}).
 */
final class CascadeModels {

  /** The names {@code --models} takes. */
  static final List<String> NAMES = List.of("isolated", "cross", "grid", "sensitivity", "simulation");

  private CascadeModels() {
  }

  /** Checks the names. */
  static void check(List<String> names) {
    for (String n : names) {
      if (!NAMES.contains(n)) {
        throw new InvalidInputException("models", "must be among " + NAMES + ", got '" + n + "'");
      }
    }
  }

  /**
   * The models for one window.
   *
   * @param names  the model names
   * @param history  the data directory's series (for the simulation model), or null when it is not asked for
   * @param start  the window's start: the simulation's scenarios use the days before it
   * @param scenarios  the most recent daily scenarios the simulation keeps, or 0 for all the history
   * @return the models, in the order of the names
   */
  static List<MarginModel> forWindow(List<String> names, HistorySource history, Instant start, int scenarios) {
    RiskParameters risk = RiskParameters.defaults();
    List<MarginModel> out = new ArrayList<>();
    for (String n : names) {
      if (!n.equals("simulation")) {
        out.add(MarginModels.of(n, risk).get(0));
        continue;
      }
      // ES 97.5% over the default (filtered historical, 1-day) scenarios; the add-ons (stresses, floor, liquidity)
      // are built per account by pmargin margin and are left out here: the cascade margins every account with ES.
      SimulationConfig config = risk.simulation().with(risk.simulation().scenarios(), 1, false);
      HistoryWindow window = scenarios > 0
          ? HistoryWindow.of(start, null, null, scenarios + Ewma.DEFAULT_SEED_OBSERVATIONS)
          : HistoryWindow.atSnapshot(start);
      SimulationScenarios.Built built;
      try {
        built = SimulationScenarios.build(probe(start, true), history, config, window);
      } catch (InvalidInputException e) {
        // Before DVOL (2021-03-24, plus the 60 days its proxy is scaled on) there is no vol factor: the scenarios
        // move prices only and options keep their vol in them (vega risk understated, said in the output).
        built = SimulationScenarios.build(probe(start, false), history, config, window);
      }
      out.add(new SimulationMarginModel(built.set(), config.margin()));
    }
    return out;
  }

  /** A model with the correlation-breakdown add-on when asked. */
  static MarginModel withBreakdown(MarginModel m, boolean on) {
    return on ? new CorrelationBreakdownAddOn(m) : m;
  }

  /** The simulation model's scenario count, for the output. */
  static String describe(MarginModel m) {
    MarginModel base = m instanceof CorrelationBreakdownAddOn a ? a.base() : m;
    if (!(base instanceof SimulationMarginModel s)) {
      return "";
    }
    boolean vols = false;
    for (int f = 0; f < s.scenarios().factors().size() && !vols; f++) {
      for (int k = 0; k < s.scenarios().size() && !vols; k++) {
        vols = s.scenarios().volLogChange(k, f) != 0;
      }
    }
    return s.scenarios().name() + ", " + s.scenarios().size() + " scenarios" + (vols ? ""
        : "; no vol factor (no DVOL history before the window): options keep their vol in the scenarios");
  }

  /**
   * An account on BTC and ETH, so the scenarios carry both coins' prices; with options, their vols too (the vol
   * factors are built for the coins a book holds options on).
   */
  private static Account probe(Instant start, boolean options) {
    String expiry = DeribitSymbols.expiryCode(start.plus(30, ChronoUnit.DAYS));
    List<Position> ps = options
        ? List.of(new Position(DeribitSymbols.parse("BTC-" + expiry + "-10000-C"), 1, 1),
            new Position(DeribitSymbols.parse("ETH-" + expiry + "-1000-C"), 1, 1))
        : List.of(new Position(DeribitSymbols.parse("BTC-PERPETUAL"), 1, 1),
            new Position(DeribitSymbols.parse("ETH-PERPETUAL"), 1, 1));
    return new Account("probe", new Portfolio(ps), Map.of(Asset.USDC, 1.0));
  }
}
