package org.pmargin.core.backtest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.margin.simulation.SimulationMarginModel;
import org.pmargin.core.margin.simulation.SimulationParameters;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.scenario.AlignedHistory;
import org.pmargin.core.scenario.ScenarioSet;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.PositionValuer;

/**
 * Backtests simulation margin with full revaluation, options included, by replaying today's book on every past day
 * as a constant-tenor, constant-moneyness book: on day t each option keeps its time to expiry and its strike relative
 * to the index (K·S(t)/S(today)), each future its time to expiry; the market of day t has the index of day t, no basis,
 * and a flat vol at the coin's DVOL of day t (the smile is not replayed). The margin is the ES of that book over the
 * historical scenarios of the {@code lookback} windows before t (price and DVOL log changes, full revaluation); the
 * outcome is the same instruments revalued h days later, time decay included.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RevaluationBacktest {

  private RevaluationBacktest() {
  }

  /**
   * Runs the backtest.
   *
   * @param account  today's book (its collateral balances are exposures too)
   * @param today  today's snapshot, which fixes each instrument's tenor and moneyness
   * @param prices  daily USD closes of every underlying and collateral asset
   * @param volIndices  DVOL level series (vol points) by coin; coins without one use BTC's
   * @param lookback  windows per margin date, ≥ 20
   * @param horizonDays  h ≥ 1
   * @param esConfidence  the margin's ES confidence
   * @param varConfidence  the VaR confidence exceptions are counted against
   * @param progress  told the number of days done, or null
   * @return the result
   */
  public static BacktestResult run(Account account, MarketSnapshot today, List<PriceSeries> prices,
      Map<Asset, PriceSeries> volIndices, int lookback, int horizonDays, double esConfidence, double varConfidence,
      IntConsumer progress) {
    Checks.require(lookback >= 20, "lookback", "must be at least 20, got " + lookback);
    Checks.require(horizonDays >= 1, "horizon_days", "must be at least 1, got " + horizonDays);
    PriceSeries btcVol = volIndices.get(Asset.BTC);
    if (btcVol == null) {
      throw new InvalidInputException("history", "a revaluation backtest needs BTC's vol index (DVOL)");
    }
    List<PriceSeries> all = new ArrayList<>(prices);
    Map<Asset, Integer> volColumn = new LinkedHashMap<>();
    for (PriceSeries p : prices) {
      PriceSeries v = volIndices.getOrDefault(p.asset(), btcVol);
      Asset key = Asset.of(p.asset().code() + "_VOLIDX");
      all.add(new PriceSeries(key, v.dates(), v.values()));
      volColumn.put(p.asset(), prices.size() + volColumn.size());
    }
    AlignedHistory h = AlignedHistory.of(all);
    int k = prices.size();
    List<Asset> factors = new ArrayList<>();
    double[][] logRet = new double[k][];
    double[][] volRet = new double[k][];
    for (int f = 0; f < k; f++) {
      factors.add(prices.get(f).asset());
      logRet[f] = h.logReturns(f);
      volRet[f] = h.logReturns(volColumn.get(prices.get(f).asset()));
    }
    SimulationParameters params = new SimulationParameters(esConfidence, varConfidence,
        org.pmargin.core.margin.MarginView.UNIFIED_USD, 1.0, 0.8, org.pmargin.core.collateral.HaircutSchedule
            .standard());
    int m = logRet[0].length;
    int first = lookback + horizonDays - 1;
    int days = m - horizonDays - first + 1;
    Checks.require(days >= 1, "lookback", "history too short for lookback " + lookback);
    BacktestTally tally = new BacktestTally(days);
    for (int d = 0; d < days; d++) {
      int t = first + d;
      double[][] r = new double[lookback][k];
      double[][] v = new double[lookback][k];
      for (int s = 0; s < lookback; s++) {
        int end = t - lookback + s;
        for (int f = 0; f < k; f++) {
          for (int j = end - horizonDays + 1; j <= end; j++) {
            r[s][f] += logRet[f][j];
            v[s][f] += volRet[f][j];
          }
        }
      }
      ScenarioSet set = new ScenarioSet("historical " + lookback + "x" + horizonDays + "d before " + h.date(t),
          factors, r, v, null);
      MarketSnapshot then = market(h, t, factors, volColumn, today);
      Account rolled = rolled(account, today, then);
      // One revaluation per scenario and exposure; the unified pool's ES is the simulation model's margin.
      double[] pnl = new double[lookback];
      for (double[] exposure : new SimulationMarginModel(set, params).pnlVectors(
          org.pmargin.core.margin.PoolBook.split(rolled, params.view()).get(0), then, new ArrayList<>())) {
        for (int s = 0; s < lookback; s++) {
          pnl[s] += exposure[s];
        }
      }
      MarketSnapshot later = market(h, t + horizonDays, factors, volColumn, today);
      tally.add(h.date(t), org.pmargin.core.risk.TailRisk.expectedShortfall(pnl, esConfidence),
          org.pmargin.core.risk.TailRisk.valueAtRisk(pnl, varConfidence), value(rolled, later) - value(rolled, then));
      if (progress != null) {
        progress.accept(d + 1);
      }
    }
    // Gross notional: options at their underlying's value, delta-one positions at their delta, coin balances.
    double gross = 0;
    for (Position p : account.portfolio().positions()) {
      double index = today.priceUsd(p.instrument().underlying());
      gross += p.instrument() instanceof EuropeanOption
          ? Math.abs(p.quantity() * p.instrument().contractSize()) * index
          : Math.abs(PositionValuer.value(p, today).delta()) * index;
    }
    for (Map.Entry<Asset, Double> b : account.collateral().entrySet()) {
      if (today.underlyings().containsKey(b.getKey())) {
        gross += Math.abs(b.getValue()) * today.priceUsd(b.getKey());
      }
    }
    return tally.result(varConfidence, Math.max(gross, 1e-9));
  }

  /**
   * The account's USD value (positions and balances at full value) in a market; an option that expired inside the
   * horizon counts at its intrinsic value then ({@link PositionValuer#horizonValue}).
   */
  private static double value(Account a, MarketSnapshot market) {
    double v = 0;
    for (Position p : a.portfolio().positions()) {
      v += PositionValuer.horizonValue(p, market).valueUsd();
    }
    for (Map.Entry<Asset, Double> b : a.collateral().entrySet()) {
      v += b.getValue() * market.priceUsd(b.getKey());
    }
    return v;
  }

  /** Day t's market: index of the day, no basis, flat vol at the day's vol index, as of 00:00 UTC. */
  private static MarketSnapshot market(AlignedHistory h, int t, List<Asset> factors, Map<Asset, Integer> volColumn,
      MarketSnapshot today) {
    Instant asOf = h.date(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<Asset, UnderlyingMarket> underlyings = new TreeMap<>();
    // Assets without history (a quote stablecoin) keep today's price.
    Map<Asset, Double> others = new TreeMap<>(today.assetPrices());
    for (int f = 0; f < factors.size(); f++) {
      Asset a = factors.get(f);
      double price = h.values(f)[t];
      if (today.underlyings().containsKey(a)) {
        double vol = h.values(volColumn.get(a))[t] / 100;
        underlyings.put(a, new UnderlyingMarket(a, ForwardCurve.flat(asOf, price), price, 0,
            VolSurface.flat(asOf, vol)));
      } else if (!a.equals(Asset.USD)) {
        others.put(a, price);
      }
    }
    return new MarketSnapshot(asOf, t, today.rate(), underlyings, others);
  }

  /** Today's book with every expiry moved to keep its tenor and every strike its moneyness, as of day t. */
  private static Account rolled(Account account, MarketSnapshot today, MarketSnapshot then) {
    List<Position> out = new ArrayList<>();
    for (Position p : account.portfolio().positions()) {
      Instrument i = p.instrument();
      Instrument moved = switch (i) {
        case EuropeanOption o -> {
          double ratio = then.underlying(o.underlying()).index() / today.underlying(o.underlying()).index();
          yield new EuropeanOption(o.symbol(), o.underlying(), o.quote(), o.settlement(), o.type(),
              o.strike() * ratio, shifted(o.expiryInstant(), today.asOf(), then.asOf()), o.contractSize(),
              o.tickSize());
        }
        case DatedFuture f -> new DatedFuture(f.symbol(), f.underlying(), f.quote(), f.settlement(),
            f.contractSize(), f.tickSize(), shifted(f.expiryInstant(), today.asOf(), then.asOf()));
        case Perpetual perp -> perp;
        case Spot s -> s;
      };
      double entry = moved instanceof EuropeanOption ? p.entryPrice()
          : then.priceUsd(i.underlying()) / then.priceUsd(i.quote());
      out.add(new Position(moved, p.quantity(), entry));
    }
    return new Account(account.id(), new Portfolio(out), account.collateral());
  }

  private static Instant shifted(Instant expiry, Instant from, Instant to) {
    double years = Math.max(YearFraction.between(from, expiry), 1.0 / YearFraction.DAYS_PER_YEAR);
    return YearFraction.plusYears(to, years);
  }
}
