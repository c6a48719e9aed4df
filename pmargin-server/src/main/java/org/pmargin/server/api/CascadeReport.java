package org.pmargin.server.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.data.Json;
import org.pmargin.engine.liquidation.LiquidationConfig;
import org.pmargin.engine.replay.CascadeStep;
import org.pmargin.engine.replay.ImpactFeedback;
import org.pmargin.engine.replay.LiveCrashReplay;
import org.pmargin.server.demo.DemoWindow;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The liquidation cascade report ({@code GET /v1/reports/cascade}): the engine's {@link LiveCrashReplay} of the
 * demo's crash window (hourly bars through the oracle, a snapshot every 15 minutes) for one seeded synthetic
 * population under each margin model, with the engine's step-wise liquidation, its loss waterfall and the
 * liquidations' impact fed back into the marks, as {@code pmargin cascade} runs it with its defaults; per model the
 * totals, the states at the end and the series its plot draws (notional liquidated, cumulative; bad debt; the
 * insurance fund; accounts below maintenance margin).
 */
final class CascadeReport {

  private CascadeReport() {
  }

  static ObjectNode run(DemoWindow w, List<MarginModel> models, Reports.Settings settings,
      LiquidationConfig liquidation, ImpactFeedback impact) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("version", 1);
    ObjectNode wn = out.putObject("window");
    wn.put("id", w.id()).put("description", w.description()).put("start", w.start().toString())
        .put("end", w.end().toString());
    out.put("accounts", settings.accounts());
    out.put("positions", 6);
    out.put("seed", settings.seed());
    out.put("collateral_fraction_of_notional", settings.collateral());
    out.put("snapshot_minutes", 15);
    out.putObject("impact").put("half_life_hours", impact.halfLife().toMinutes() / 60.0)
        .put("flow_scale", impact.flowScale()).put("permanent_gamma", impact.permanentGamma());
    ArrayNode times = out.putArray("times");
    ArrayNode list = out.putArray("models");
    for (MarginModel m : models) {
      long t0 = System.nanoTime();
      LiveCrashReplay.Summary s = LiveCrashReplay.run(w.bars(), w.volIndex(), m, new LiveCrashReplay.Settings(
          w.start(), w.end(), Duration.ofMinutes(15), settings.accounts(), 6, settings.seed(), 1, liquidation,
          settings.collateral(), 0, impact), (snapshot, outcome) -> { });
      if (times.isEmpty()) {
        s.series().forEach(x -> times.add(x.time().toString()));
      }
      list.add(model(m.name(), s, (System.nanoTime() - t0) / 1e9));
    }
    return out;
  }

  private static ObjectNode model(String name, LiveCrashReplay.Summary s, double seconds) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("model", name);
    LiveCrashReplay.LiquidationTotals l = s.liquidation();
    ObjectNode t = n.putObject("totals");
    t.put("accounts_liquidated", l.accountsLiquidated()).put("steps", l.steps())
        .put("notional_closed_usd", l.notionalClosedUsd()).put("cost_usd", l.costUsd())
        .put("bankrupt_accounts", l.bankruptAccounts()).put("bad_debt_usd", l.badDebtUsd());
    if (l.losses() != null) {
      t.put("fund_drawn_usd", l.losses().drawnUsd()).put("adl_fills", l.losses().adlFills())
          .put("socialised_usd", l.losses().socialisedUsd()).put("insurance_fund_usd", l.losses().fundUsd());
    }
    states(n.putObject("start_states"), s.startStates());
    states(n.putObject("end_states"), s.endStates());
    ObjectNode series = n.putObject("series");
    ArrayNode notional = series.putArray("notional_liquidated_cumulative_usd");
    ArrayNode badDebt = series.putArray("bad_debt_usd");
    ArrayNode fund = series.putArray("insurance_fund_usd");
    ArrayNode below = series.putArray("accounts_below_mm");
    ArrayNode steps = series.putArray("steps");
    double sum = 0;
    for (CascadeStep c : s.series()) {
      sum += c.notionalUsd();
      notional.add(sum);
      badDebt.add(c.badDebtUsd());
      fund.add(c.loss().insuranceFundUsd());
      below.add(c.states().get(HealthState.LIQUIDATABLE) + c.states().get(HealthState.BANKRUPT));
      steps.add(c.steps());
    }
    n.put("seconds", seconds);
    return n;
  }

  private static void states(ObjectNode n, Map<HealthState, Integer> states) {
    for (HealthState h : HealthState.values()) {
      n.put(h.name().toLowerCase(java.util.Locale.ROOT), states.getOrDefault(h, 0));
    }
  }
}
