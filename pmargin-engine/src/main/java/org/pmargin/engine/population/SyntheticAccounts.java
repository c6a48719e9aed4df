package org.pmargin.engine.population;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.valuation.PositionValuer;

/**
 * A seeded population of realistic accounts for load tests, benchmarks and the demo: each account trades a few
 * underlyings of a snapshot (perpetuals inverse and linear, dated futures, calls and puts at strikes from 0.7× to
 * 1.5× the index on the listed expiries), in sizes drawn log-uniformly from 10,000 to 1,000,000 USD, entered near
 * the mark, and holds USDC collateral of 1.1× to 3× its initial margin on a given model (so most start healthy and
 * some are close to a margin call). The same seed gives the same accounts.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class SyntheticAccounts {

  private static final double[] MONEYNESS = {0.7, 0.8, 0.9, 0.95, 1.0, 1.05, 1.1, 1.25, 1.5};

  private final MarketSnapshot market;
  private final Map<Asset, List<Instrument>> universe;

  /**
   * Builds the instrument universe of a snapshot: Deribit-style symbols on every underlying with a forward curve.
   *
   * @param market  the snapshot
   */
  public SyntheticAccounts(MarketSnapshot market) {
    this.market = Checks.notNull(market, "market");
    this.universe = new LinkedHashMap<>();
    for (UnderlyingMarket m : market.underlyings().values()) {
      List<Instrument> list = new ArrayList<>();
      String u = m.underlying().code();
      boolean inverse = u.equals("BTC") || u.equals("ETH");
      if (inverse) {
        list.add(DeribitSymbols.parse(u + "-PERPETUAL"));
      }
      list.add(DeribitSymbols.parse(u + "_USDC-PERPETUAL"));
      double s = m.index();
      double step = Math.pow(10, Math.floor(Math.log10(s)) - 1);
      TreeSet<Instant> expiries = new TreeSet<>();
      for (ForwardCurve.ForwardPoint p : m.forwards().points()) {
        if (p.expiry().isAfter(market.asOf().plusSeconds(86_400))) {
          expiries.add(p.expiry());
        }
      }
      for (Instant e : expiries) {
        String code = DeribitSymbols.expiryCode(e);
        if (inverse) {
          list.add(DeribitSymbols.parse(u + "-" + code));
        }
        for (double k : MONEYNESS) {
          long strike = Math.round(s * k / step) * (long) Math.max(1, step);
          if (strike <= 0 || step < 1) {
            continue;
          }
          String prefix = inverse ? u + "-" : u + "_USDC-";
          list.add(DeribitSymbols.parse(prefix + code + "-" + strike + "-C"));
          list.add(DeribitSymbols.parse(prefix + code + "-" + strike + "-P"));
        }
      }
      universe.put(m.underlying(), List.copyOf(list));
    }
  }

  /** The instruments accounts trade, by underlying. */
  public Map<Asset, List<Instrument>> universe() {
    return universe;
  }

  /**
   * Generates accounts.
   *
   * @param count  how many
   * @param positions  positions per account (distinct instruments), ≥ 1
   * @param underlyings  how many underlyings each account trades, ≥ 1 (capped at those in the snapshot)
   * @param model  the model whose initial margin sets the collateral, or null for a flat 30% of the gross notional
   * @param seed  the seed
   * @return the accounts, ids {@code acc-0}, {@code acc-1}, ...
   */
  public List<Account> generate(int count, int positions, int underlyings, MarginModel model, long seed) {
    Checks.require(count >= 0, "count", "must be >= 0, got " + count);
    Checks.require(positions >= 1, "positions", "must be >= 1, got " + positions);
    Checks.require(underlyings >= 1, "underlyings", "must be >= 1, got " + underlyings);
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Asset> assets = new ArrayList<>(universe.keySet());
    int nu = Math.min(underlyings, assets.size());
    List<Account> out = new ArrayList<>(count);
    for (int a = 0; a < count; a++) {
      List<Asset> mine = new ArrayList<>(assets);
      for (int k = mine.size() - 1; k > 0; k--) {
        java.util.Collections.swap(mine, k, rnd.nextInt(k + 1));
      }
      mine = mine.subList(0, nu);
      double size = Math.exp(Math.log(10_000) + rnd.nextDouble() * Math.log(100));
      Map<Instrument, Position> book = new LinkedHashMap<>();
      double gross = 0;
      int guard = 0;
      while (book.size() < positions && guard++ < positions * 20) {
        Asset u = mine.get(book.size() % nu);
        List<Instrument> list = universe.get(u);
        Instrument inst = list.get(rnd.nextInt(list.size()));
        if (book.containsKey(inst)) {
          continue;
        }
        double usd = size * (0.1 + 0.9 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
        Position p = position(inst, usd, rnd);
        book.put(inst, p);
        gross += Math.abs(usd);
      }
      List<Position> list = new ArrayList<>(book.values());
      Account bare = new Account("acc-" + a, new Portfolio(list), Map.of());
      double im = model == null ? 0.3 * gross : model.margin(bare, market).initialMarginUsd();
      double collateral = Math.max(im, 1_000) * (1.1 + 1.9 * rnd.nextDouble());
      // Option premiums and open P&L count in equity: top up so the USDC balance alone covers the margin target.
      double value = 0;
      for (Position p : list) {
        value += PositionValuer.value(p, market).valueUsd();
      }
      out.add(new Account(bare.id(), bare.portfolio(), Map.of(Asset.USDC, collateral - Math.min(value, 0))));
    }
    return out;
  }

  private Position position(Instrument inst, double usd, SplittableRandom rnd) {
    double index = market.underlying(inst.underlying()).index();
    double mark = PositionValuer.value(new Position(inst, 1, 1), market).markPrice();
    double contracts;
    if (inst instanceof EuropeanOption) {
      contracts = usd / index / inst.contractSize();
      contracts = Math.signum(contracts) * Math.max(0.1, Math.rint(Math.abs(contracts) * 10) / 10);
    } else if (inst.settlement() == Settlement.INVERSE) {
      contracts = Math.signum(usd) * Math.max(1, Math.rint(Math.abs(usd) / inst.contractSize()));
    } else {
      contracts = Math.signum(usd) * Math.max(1, Math.rint(Math.abs(usd) / index / inst.contractSize()));
    }
    double entry = mark * (0.98 + 0.04 * rnd.nextDouble());
    if (!(inst instanceof EuropeanOption)) {
      entry = Math.max(entry, 1e-9);
    }
    return new Position(inst, contracts, entry);
  }
}
