package org.pmargin.engine.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;
import org.pmargin.engine.population.SyntheticAccounts;

/**
 * The accounts of a replay: {@link SyntheticAccounts}' seeded books (the same positions whatever the model, since
 * the generator draws them before sizing the collateral), with the collateral the settings ask for: by the
 * generator's model sizing, flat (a fraction of gross notional, the same under every model) or the model's own
 * initial margin times a factor.
 */
final class ReplayPopulation {

  private ReplayPopulation() {
  }

  static List<Account> generate(MarketSnapshot market, int underlyings, MarginModel model,
      LiveCrashReplay.Settings settings) {
    boolean byGenerator = settings.flatCollateral() == 0 && settings.imCollateralFactor() == 0;
    List<Account> population = new SyntheticAccounts(market).generate(settings.accounts(), settings.positions(),
        underlyings, byGenerator ? model : null, settings.seed());
    List<Account> out = new ArrayList<>(population.size());
    if (settings.flatCollateral() > 0) { // the generator's flat sizing is 30% of the gross notional: rescale it
      double k = settings.flatCollateral() / 0.3;
      for (Account a : population) {
        Map<Asset, Double> c = new TreeMap<>();
        a.collateral().forEach((asset, v) -> c.put(asset, v * k));
        out.add(new Account(a.id(), a.portfolio(), c));
      }
      return out;
    }
    if (settings.imCollateralFactor() > 0) {
      for (Account a : population) {
        Account bare = new Account(a.id(), a.portfolio(), Map.of());
        double im = Math.max(model.margin(bare, market).initialMarginUsd(), 1_000);
        double value = 0;
        for (Position p : a.portfolio().positions()) {
          value += PositionValuer.value(p, market).valueUsd();
        }
        out.add(new Account(a.id(), a.portfolio(),
            Map.of(Asset.USDC, settings.imCollateralFactor() * im - Math.min(value, 0))));
      }
      return out;
    }
    return population;
  }
}
