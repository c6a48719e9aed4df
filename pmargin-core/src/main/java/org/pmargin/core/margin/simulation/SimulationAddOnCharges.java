package org.pmargin.core.margin.simulation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.ChargeSheet;
import org.pmargin.core.margin.ExposureKey;
import org.pmargin.core.margin.UnitValuations;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.stress.StressScenario;
import org.pmargin.core.stress.StressTest;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The add-ons of simulation margin over the ES (unified USD view): a weighted stress top-up, an anti-procyclical
 * floor (the ES over a stressed scenario set) and a square-root market-impact liquidity add-on; the stress P&L built
 * from per-unit stress vectors shared between accounts.
 */
final class SimulationAddOnCharges {

  private final SimulationAddOns addOns;
  private final SimulationParameters params;
  /** The model over the floor's scenarios, or null without a floor. */
  private final SimulationMarginModel floorModel;

  SimulationAddOnCharges(SimulationAddOns addOns, SimulationParameters params, SimulationMarginModel floorModel) {
    this.addOns = addOns;
    this.params = params;
    this.floorModel = floorModel;
  }

  /**
   * The account's USD P&L in each stress of the add-ons, as {@link StressTest} computes it (positions fully
   * revalued with their underlying moved and vols shocked, a linear contract's P&L scaled by its quote coin's
   * price factor, every balance re-priced), built from per-unit stress vectors shared between accounts: weight ×
   * the vector of the position's {@link ExposureKey} in the USD pool, plus, for a linear perpetual or future, the
   * entry-price term of a depegged quote coin, q·size·(factor − 1)·(1 − entry) (the vector is for an entry of 1).
   */
  double[] stressPnl(Account account, MarketSnapshot market, VectorCache cache) {
    List<StressScenario> stresses = addOns.stresses();
    double[] total = new double[stresses.size()];
    Function<ExposureKey, double[]> compute = k -> stressVector(k, market);
    List<Position> positions = account.portfolio().positions();
    for (int i = 0; i < positions.size(); i++) {
      Position p = positions.get(i);
      double[] unit;
      try {
        unit = cache.get(stresses, ExposureKey.of(p, Asset.USD), compute);
      } catch (InvalidInputException e) {
        throw e.within("positions[" + i + "]");
      }
      double w = ExposureKey.weightOf(p, Asset.USD);
      Instrument inst = p.instrument();
      boolean linearDeltaOne = inst.settlement() == Settlement.LINEAR
          && (inst instanceof Perpetual || inst instanceof DatedFuture);
      for (int k = 0; k < total.length; k++) {
        double pnl = w * unit[k];
        if (linearDeltaOne) {
          pnl += p.quantity() * inst.contractSize() * (stresses.get(k).priceFactor(inst.quote()) - 1)
              * (1 - p.entryPrice());
        }
        total[k] += pnl;
      }
    }
    for (Map.Entry<Asset, Double> b : account.collateral().entrySet()) {
      double[] unit;
      try {
        unit = cache.get(stresses, ExposureKey.holding(b.getKey(), Asset.USD), compute);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("collateral." + b.getKey(), "no market price for " + b.getKey(), e);
      }
      for (int k = 0; k < total.length; k++) {
        total[k] += b.getValue() * unit[k];
      }
    }
    return total;
  }

  /** One contract's (entry 1) or one coin's USD P&L in each stress. */
  private double[] stressVector(ExposureKey key, MarketSnapshot market) {
    List<StressScenario> stresses = addOns.stresses();
    double[] out = new double[stresses.size()];
    Asset u = key.underlying();
    if (key.isHolding()) {
      double price = market.priceUsd(u);
      for (int k = 0; k < out.length; k++) {
        out[k] = price * (stresses.get(k).priceFactor(u) - 1);
      }
      return out;
    }
    Position unit = key.unitPosition();
    double before = PositionValuer.value(unit, market).valueUsd();
    for (int k = 0; k < out.length; k++) {
      StressScenario sc = stresses.get(k);
      double volFactor = sc.volFactor(u);
      double after = PositionValuer.value(unit, market,
          new MarketShock(u, sc.priceFactor(u), (vol, t) -> vol * volFactor)).valueUsd();
      double quoteFactor = key.instrument().settlement() == Settlement.LINEAR
          ? sc.priceFactor(key.instrument().quote()) : 1.0;
      out[k] = after * quoteFactor - before;
    }
    return out;
  }

  /** Cash delta per underlying (positions' USD delta plus coin balances, × the index), in ticker order. */
  private static Map<Asset, Double> cashDeltas(Account account, MarketSnapshot market, VectorCache cache) {
    Map<Asset, Double> delta = new java.util.TreeMap<>();
    for (Asset a : market.underlyings().keySet()) {
      if (account.balance(a) != 0) {
        delta.put(a, 0.0);
      }
    }
    List<Position> positions = account.portfolio().positions();
    for (int i = 0; i < positions.size(); i++) {
      Position p = positions.get(i);
      double d;
      try {
        d = UnitValuations.value(p, market, cache).delta();
      } catch (InvalidInputException e) {
        throw e.within("positions[" + i + "]");
      }
      delta.merge(p.instrument().underlying(), d, Double::sum);
    }
    Map<Asset, Double> cash = new java.util.TreeMap<>();
    for (Map.Entry<Asset, Double> e : delta.entrySet()) {
      cash.put(e.getKey(), (e.getValue() + account.balance(e.getKey())) * market.priceUsd(e.getKey()));
    }
    return cash;
  }

  /** Charges the stress and floor top-ups over the ES (the largest of the three sets the base) and the liquidity add-on. */
  void charge(Account account, MarketSnapshot market, double es, ChargeSheet sheet, VectorCache cache) {
    double stress = 0;
    String worstStress = "";
    if (!addOns.stresses().isEmpty()) {
      double[] pnl = stressPnl(account, market, cache);
      for (int k = 0; k < pnl.length; k++) {
        if (-pnl[k] > stress) {
          stress = -pnl[k];
          worstStress = addOns.stresses().get(k).name();
        }
      }
    }
    double weighted = addOns.stressWeight() * stress;
    double floor = 0;
    if (floorModel != null) {
      floor = floorModel.margin(account, market, cache, false).initialMarginUsd() / params.imFactor();
    }
    double base = Math.max(es, Math.max(weighted, floor));
    if (base > es) {
      if (weighted >= floor) {
        double worstLoss = stress;
        String worstName = worstStress;
        charge(sheet, "stress_topup", weighted - es, () -> String.format(Locale.ROOT,
            "%.0f%% of the worst stress loss %.6g USD (%s) exceeds the ES", addOns.stressWeight() * 100, worstLoss,
            worstName));
      } else {
        double floorEs = floor;
        charge(sheet, "apc_floor_topup", floor - es, () -> String.format(Locale.ROOT,
            "anti-procyclical floor: ES %.6g USD over %s exceeds today's", floorEs,
            addOns.floorScenarios().name()));
      }
    }
    double liquidity = 0;
    StringBuilder why = new StringBuilder("square-root market impact k·σ·|E|·√(|E|/ADV):");
    for (Map.Entry<Asset, Double> g : cashDeltas(account, market, cache).entrySet()) {
      Double adv = addOns.averageDailyVolumeUsd().get(g.getKey());
      Double vol = addOns.dailyVol().get(g.getKey());
      double e = Math.abs(g.getValue());
      if (adv == null || vol == null || e == 0) {
        continue;
      }
      double cost = addOns.impactCoefficient() * vol * e * Math.sqrt(e / adv);
      liquidity += cost;
      if (sheet.explains()) {
        why.append(String.format(Locale.ROOT, " %s %.6g USD (E %.4g, ADV %.4g)", g.getKey(), cost, e, adv));
      }
    }
    if (liquidity > 0) {
      charge(sheet, "liquidity_addon", liquidity, why::toString);
    }
  }

  private void charge(ChargeSheet sheet, String name, double amount, Supplier<String> explanation) {
    sheet.add(name, params.imFactor() * amount, params.mmFactor() * amount, explanation);
  }
}
