package org.pmargin.core.margin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The correlation-breakdown add-on, a wrapper around any margin model: it charges back the credit the model gives
 * for offsets <em>between</em> underlyings, as if their correlation broke down. The book is split by underlying (the
 * positions on one underlying with that coin's balance; every other balance on its own), each part is margined
 * alone by the model, and per pool currency the add-on is max(0, Σ parts − the whole) in initial and in maintenance
 * margin, one {@value #COMPONENT} component. So IM = max(IM(book), Σ_u IM(book on u)) per currency.
 *
 * <p>For the scenario grid this is its inter-underlying credit set to 0 (the grid's only offset between
 * underlyings); for the sensitivity model, no correlation credit between underlyings (each margined alone: a
 * long/short pair pays both legs); for the simulation model, no diversification between underlyings in the joint
 * scenarios (ES is subadditive, so the sum of the parts' ES is at least the whole's); isolated and cross margin have
 * no such offsets, so their add-on is zero. Offsets within an underlying (a covered call, a calendar, a basis trade)
 * are kept. A book on one underlying is returned unchanged, without margining it twice.
 *
 * <p>Keeps the base model's shared-vector path when it has one: the parts are margined with the same cache.
 */
public final class CorrelationBreakdownAddOn implements ScenarioMarginModel {

  /** The component's name. */
  public static final String COMPONENT = "correlation_breakdown";

  private final MarginModel base;

  /**
   * Wraps a model.
   *
   * @param base  the model whose cross-underlying offsets are charged back
   */
  public CorrelationBreakdownAddOn(MarginModel base) {
    this.base = Checks.notNull(base, "model");
  }

  /** The wrapped model. */
  public MarginModel base() {
    return base;
  }

  @Override
  public String name() {
    return base.name() + "+corr_breakdown";
  }

  @Override
  public MarginResult margin(Account account, MarketSnapshot market) {
    List<Account> parts = split(account);
    MarginResult whole = base.margin(account, market);
    if (parts.size() <= 1) {
      return renamed(whole);
    }
    List<MarginResult> results = new ArrayList<>(parts.size());
    for (Account p : parts) {
      results.add(base.margin(p, market));
    }
    return combine(whole, results);
  }

  @Override
  public MarginResult margin(Account account, MarketSnapshot market, VectorCache cache, boolean explain) {
    if (!(base instanceof ScenarioMarginModel sm)) {
      return margin(account, market);
    }
    List<Account> parts = split(account);
    MarginResult whole = sm.margin(account, market, cache, explain);
    if (parts.size() <= 1) {
      return renamed(whole);
    }
    List<MarginResult> results = new ArrayList<>(parts.size());
    for (Account p : parts) {
      results.add(sm.margin(p, market, cache, explain));
    }
    return combine(whole, results);
  }

  @Override
  public void marginAll(List<Account> accounts, MarketSnapshot market, VectorCache cache, MarginResult[] results,
      InvalidInputException[] errors) {
    if (!(base instanceof ScenarioMarginModel sm)) {
      ScenarioMarginModel.super.marginAll(accounts, market, cache, results, errors);
      return;
    }
    // One batch of wholes and parts, so a model that blocks its work (the simulation model) keeps doing so.
    List<Account> all = new ArrayList<>(accounts);
    int[] first = new int[accounts.size()];
    int[] count = new int[accounts.size()];
    for (int i = 0; i < accounts.size(); i++) {
      List<Account> parts = split(accounts.get(i));
      first[i] = all.size();
      count[i] = parts.size() <= 1 ? 0 : parts.size();
      if (count[i] > 0) {
        all.addAll(parts);
      }
    }
    MarginResult[] r = new MarginResult[all.size()];
    InvalidInputException[] e = new InvalidInputException[all.size()];
    sm.marginAll(all, market, cache, r, e);
    for (int i = 0; i < accounts.size(); i++) {
      InvalidInputException err = e[i];
      List<MarginResult> parts = new ArrayList<>(count[i]);
      for (int k = 0; k < count[i] && err == null; k++) {
        err = e[first[i] + k];
        parts.add(r[first[i] + k]);
      }
      if (err != null) {
        errors[i] = err;
      } else {
        results[i] = count[i] == 0 ? renamed(r[i]) : combine(r[i], parts);
      }
    }
  }

  /** The book split by underlying: each underlying's positions with its coin's balance, then the other balances. */
  static List<Account> split(Account account) {
    Map<Asset, List<Position>> byUnderlying = new TreeMap<>();
    for (Position p : account.portfolio().positions()) {
      byUnderlying.computeIfAbsent(p.instrument().underlying(), k -> new ArrayList<>()).add(p);
    }
    List<Account> out = new ArrayList<>();
    Map<Asset, Double> rest = new TreeMap<>(account.collateral());
    for (Map.Entry<Asset, List<Position>> e : byUnderlying.entrySet()) {
      Map<Asset, Double> c = new TreeMap<>();
      Double coin = rest.remove(e.getKey());
      if (coin != null) {
        c.put(e.getKey(), coin);
      }
      out.add(new Account(account.id(), new Portfolio(e.getValue()), c));
    }
    if (!rest.isEmpty()) {
      out.add(new Account(account.id(), Portfolio.empty(), rest));
    }
    return out;
  }

  private MarginResult renamed(MarginResult whole) {
    return new MarginResult(name(), whole.view(), whole.pools(), whole.health());
  }

  private MarginResult combine(MarginResult whole, List<MarginResult> parts) {
    Map<Asset, double[]> sums = new LinkedHashMap<>();
    for (MarginResult r : parts) {
      for (PoolMargin p : r.pools()) {
        double[] s = sums.computeIfAbsent(p.currency(), k -> new double[2]);
        s[0] += p.initialMargin();
        s[1] += p.maintenanceMargin();
      }
    }
    for (PoolMargin p : whole.pools()) {
      double[] s = sums.get(p.currency());
      if (s != null) {
        s[0] -= p.initialMargin();
        s[1] -= p.maintenanceMargin();
      }
    }
    List<PoolMargin> pools = new ArrayList<>(whole.pools().size());
    for (PoolMargin p : whole.pools()) {
      double[] s = sums.remove(p.currency()); // the first pool of a currency takes its add-on
      double addIm = s == null ? 0 : tidy(s[0], p.initialMargin());
      double addMm = s == null ? 0 : tidy(s[1], p.maintenanceMargin());
      if (addIm == 0 && addMm == 0) {
        pools.add(p);
        continue;
      }
      List<MarginComponent> components = new ArrayList<>(p.components());
      components.add(new MarginComponent(COMPONENT, addIm, addMm, String.format(Locale.ROOT,
          "no offset between underlyings: each underlying margined alone needs %.2f %s more IM in all", addIm,
          p.currency().code())));
      pools.add(new PoolMargin(p.currency(), p.equity(), p.initialMargin() + addIm, p.maintenanceMargin() + addMm,
          components, p.drivingScenario(), p.contributions(), p.usdRate(), p.riskMeasures()));
    }
    return MarginResult.of(name(), whole.view(), pools);
  }

  /** The add-on, zero when below rounding of the whole's figure (a model without offsets adds up to itself). */
  private static double tidy(double excess, double whole) {
    return excess > 1e-9 * Math.max(1, Math.abs(whole)) ? excess : 0;
  }
}
