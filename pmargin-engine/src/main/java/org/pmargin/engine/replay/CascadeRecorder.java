package org.pmargin.engine.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.HealthTransition;
import org.pmargin.engine.event.LiquidationStepBooked;

/**
 * Builds a replay's series over time ({@link CascadeStep} per snapshot), keeping the accounts' states from the
 * engine's transitions so that no snapshot scans the book. Mutable, one per replay.
 */
final class CascadeRecorder {

  private final Map<String, HealthState> state = new HashMap<>();
  private final EnumMap<HealthState, Integer> counts = new EnumMap<>(HealthState.class);
  private final List<CascadeStep> series = new ArrayList<>();

  CascadeRecorder(List<AccountMargin> start) {
    for (HealthState h : HealthState.values()) {
      counts.put(h, 0);
    }
    for (AccountMargin m : start) {
      state.put(m.accountId(), m.health().state());
      counts.merge(m.health().state(), 1, Integer::sum);
    }
  }

  void record(Instant t, EventOutcome o, double badDebtUsd, Map<Asset, Double> flow, Map<Asset, Double> shift,
      LossFigures loss) {
    for (HealthTransition tr : o.transitions()) {
      HealthState before = state.put(tr.accountId(), tr.to());
      if (before != null) {
        counts.merge(before, -1, Integer::sum);
      }
      counts.merge(tr.to(), 1, Integer::sum);
    }
    Set<String> accounts = new HashSet<>();
    double notional = 0;
    double cost = 0;
    for (LiquidationStepBooked l : o.liquidations()) {
      accounts.add(l.accountId());
      notional += l.notionalUsd();
      cost += l.costUsd();
    }
    series.add(new CascadeStep(t, o.liquidations().size(), accounts.size(), notional, cost,
        o.bankruptcies().size(), badDebtUsd, counts, flow, shift, loss));
  }

  List<CascadeStep> series() {
    return series;
  }
}
