package org.pmargin.core.margin.grid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import java.util.function.Supplier;
import org.pmargin.core.margin.ChargeSheet;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.margin.ScenarioMarginModel;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.Checks;

/**
 * Scenario-grid portfolio margin, as the large crypto exchanges and SPAN compute it: per pool and underlying, every
 * position is fully revalued on a grid of price moves × vol shocks (plus an extended tail table), and the margin is
 * the worst loss plus roll, delta and short-option charges, less partial inter-underlying credits in a unified pool
 * (see {@link GridParameters}).
 *
 * <p>Attribution: each position's contribution is its P&L in the pool's driving scenario (the loss it brings to the
 * worst case) and, as initial margin, its share of the worst loss (minus that P&L, scaled by the IM factor) plus its
 * own roll-shock charge. Components list, per underlying, the worst standard loss with its scenario, the extended
 * table's excess over it, the roll and delta shocks, the short-option minimum's top-up, and the credits.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ScenarioGridModel implements ScenarioMarginModel {

  private final GridParameters params;
  private final List<GridScenario> standard;
  private final List<GridScenario> extended;

  /**
   * Creates the model.
   *
   * @param params  the grid parameters
   */
  public ScenarioGridModel(GridParameters params) {
    this.params = Checks.notNull(params, "params");
    this.standard = List.copyOf(params.standardScenarios());
    this.extended = List.copyOf(params.extendedScenarios());
  }

  /** The parameters. */
  public GridParameters params() {
    return params;
  }

  /** The standard scenarios, in the order of the grids' vectors. */
  List<GridScenario> standard() {
    return standard;
  }

  /** The extended scenarios, in the order of the grids' vectors. */
  List<GridScenario> extended() {
    return extended;
  }

  /**
   * Prepares the margin of variants of an account (parts of its positions closed, its balances changed) from its
   * per-position grid figures, without re-margining it: see {@link GridVariants}.
   *
   * @param account  the account
   * @param market  the snapshot
   * @param cache  the vectors of {@code market}
   * @return its variants
   */
  public GridVariants variants(Account account, MarketSnapshot market, VectorCache cache) {
    return new GridVariants(this, account, market, cache);
  }

  @Override
  public String name() {
    return "grid:" + params.name();
  }

  @Override
  public MarginResult margin(Account account, MarketSnapshot market) {
    return margin(account, market, VectorCache.NONE, true);
  }

  @Override
  public MarginResult margin(Account account, MarketSnapshot market, VectorCache cache, boolean explain) {
    List<PoolMargin> pools = new ArrayList<>();
    for (PoolBook book : PoolBook.split(account, params.view(), market)) {
      pools.add(pool(book, market, cache, explain, null));
    }
    return MarginResult.of(name(), params.view(), pools);
  }

  /**
   * One pool's margin; with a recorder, each underlying's grid and per-position figures are kept in it as they are
   * added up (the same arithmetic: {@link GridVariants}).
   */
  PoolMargin pool(PoolBook book, MarketSnapshot market, VectorCache cache, boolean explain,
      GridVariants.PoolFigures record) {
    boolean unified = params.view() == MarginView.UNIFIED_USD;
    // The underlyings, in ticker order: of the positions, then (unified pool) of coin balances that move.
    List<Position> positions = book.positions();
    List<Asset> underlyings = new ArrayList<>(4);
    for (Position p : positions) {
      Asset u = p.instrument().underlying();
      if (!underlyings.contains(u)) {
        underlyings.add(u);
      }
    }
    if (unified) {
      for (Map.Entry<Asset, Double> b : book.balances().entrySet()) {
        if (b.getValue() != 0 && market.underlyings().containsKey(b.getKey()) && !underlyings.contains(b.getKey())) {
          underlyings.add(b.getKey());
        }
      }
    }
    underlyings.sort(null);
    double[] values = new double[positions.size()];
    List<PairRisk> pairs = new ArrayList<>(underlyings.size());
    for (int i = 0; i < underlyings.size(); i++) {
      Asset u = underlyings.get(i);
      Double balance = unified && market.underlyings().containsKey(u) ? book.balances().get(u) : null;
      pairs.add(PairRisk.compute(u, positions, balance == null ? 0.0 : balance, book, market, params, standard,
          extended, cache, this, explain, values, i, record == null ? null : record.slot(u)));
    }
    double equity = book.equity(market, params.haircuts(), values);
    if (record != null) {
      record.values = values;
    }
    return assemble(book.currency(), pairs, equity, book.usdRate(market), explain);
  }

  /**
   * A pool's margin from its grids: the charges of every underlying, the inter-underlying credits, the equity. The
   * one place the grid's charges are added up, for a full margin and for {@link GridVariants} alike.
   */
  PoolMargin assemble(Asset currency, List<PairRisk> pairs, double equity, double usdRate, boolean explain) {
    String ccy = currency.code();
    ChargeSheet sheet = new ChargeSheet(explain);
    for (PairRisk r : pairs) {
      String u = r.underlying.code();
      charge(sheet, "worst_scenario:", u, r.standardLoss, () -> String.format(Locale.ROOT,
          "%s %s: portfolio loss %s %s%s", u, r.standard.get(r.worstStandard).label(), num(r.standardLoss), ccy,
          largestLosses(r, false)));
      if (r.extendedDrives()) {
        charge(sheet, "extended_table:", u, r.extendedLoss - r.standardLoss, () -> String.format(Locale.ROOT,
            "%s %s: counted loss %s %s exceeds the standard grid's%s", u, r.extended.get(r.worstExtended).label(),
            num(r.extendedLoss), ccy, largestLosses(r, true)));
      }
      if (r.rollShock > 0) {
        charge(sheet, "roll_shock:", u, r.rollShock, () -> String.format(Locale.ROOT,
            "%s futures and perpetuals: |size| × max(%.4g, %.4g × years to expiry), long and short legs gross",
            u, params.minAnnualisedMove(), params.annualisedMoveRisk()));
      }
      if (r.deltaShock > 0) {
        charge(sheet, "delta_shock:", u, r.deltaShock, () -> String.format(Locale.ROOT,
            "%s net cash delta %s USD above the %s USD liquidity threshold: extra %.4g%% move", u,
            num(r.cashDeltaUsd), num(params.deltaShockThresholdUsd()), r.deltaShockFraction * 100));
      }
      if (r.settlementBasis > 0) {
        charge(sheet, "settlement_basis:", u, r.settlementBasis, () -> String.format(Locale.ROOT,
            "%s P&L paid in a stablecoin worth %.4g%% less (a hedge across settlement currencies)", u,
            params.settlementBasis() * 100));
      }
      double subtotal = r.worstLoss() + r.rollShock + r.deltaShock + r.settlementBasis;
      if (r.shortOptionMinimum > subtotal && r.shortOptionMinimum >= r.deltaFloor) {
        charge(sheet, "short_option_minimum:", u, r.shortOptionMinimum - subtotal, () -> String.format(
            Locale.ROOT, "%s net short options: minimum %.4g%% of underlying value per option, %s %s in all", u,
            params.shortOptionMinimum() * 100, num(r.shortOptionMinimum), ccy));
      } else if (r.deltaFloor > subtotal) {
        charge(sheet, "delta_floor:", u, r.deltaFloor - subtotal, () -> String.format(Locale.ROOT,
            "%s minimum delta requirement %.4g%% of net delta + %.4g%% of hedged delta: %s %s in all", u,
            params.netDeltaFloor() * 100, params.hedgedDeltaFloor() * 100, num(r.deltaFloor), ccy));
      }
      if (r.fundingProvision > 0) {
        sheet.add("funding_provision:", u, r.fundingProvision, r.fundingProvision, () -> String.format(Locale.ROOT,
            "%s perpetuals: funding payable over the next 8 hours at the current rate", u));
      }
    }
    for (UnderlyingOffset o : params.offsets()) {
      PairRisk a = find(pairs, o.first());
      PairRisk b = find(pairs, o.second());
      if (a == null || b == null) {
        continue;
      }
      double joint = PairRisk.jointWorst(a, b);
      double benefit = Math.max(0, a.standardLoss + b.standardLoss - (-joint));
      double credit = o.credit() * benefit;
      if (credit > 0) {
        double jointLoss = -joint;
        charge(sheet, "offset:", o.first() + "/" + o.second(), -credit, () -> String.format(Locale.ROOT,
            "%.0f%% of the hedge benefit %s %s between %s and %s (their worst losses %s + %s against %s when both "
                + "move together)", o.credit() * 100, num(benefit), ccy, o.first(), o.second(),
            num(a.standardLoss), num(b.standardLoss), num(jointLoss)));
      }
    }
    return sheet.pool(currency, equity, () -> driving(pairs), () -> contributions(pairs), usdRate);
  }

  private static PairRisk find(List<PairRisk> pairs, Asset underlying) {
    for (PairRisk r : pairs) {
      if (r.underlying.equals(underlying)) {
        return r;
      }
    }
    return null;
  }

  private static String driving(List<PairRisk> pairs) {
    List<String> driving = new ArrayList<>();
    for (PairRisk r : pairs) {
      driving.add(r.underlying.code() + " " + r.drivingScenario().label());
    }
    return String.join("; ", driving);
  }

  private List<PositionContribution> contributions(List<PairRisk> pairs) {
    List<PositionContribution> contributions = new ArrayList<>();
    for (PairRisk r : pairs) {
      for (int i = 0; i < r.names.size(); i++) {
        double pnl = r.pnlInDrivingScenario(i);
        double share = r.worstLoss() > 0 ? -pnl : 0;
        contributions.add(new PositionContribution(r.names.get(i), pnl,
            params.imFactor() * (share + r.rollByExposure.get(i))));
      }
    }
    return contributions;
  }

  private void charge(ChargeSheet sheet, String kind, String qualifier, double amount,
      Supplier<String> explanation) {
    sheet.add(kind, qualifier, params.imFactor() * amount, params.mmFactor() * amount, explanation);
  }

  private static String largestLosses(PairRisk r, boolean extended) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < r.names.size(); i++) {
      order.add(i);
    }
    order.sort((x, y) -> Double.compare(pnl(r, x, extended), pnl(r, y, extended)));
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < Math.min(3, order.size()); k++) {
      int i = order.get(k);
      if (pnl(r, i, extended) >= 0) {
        break;
      }
      sb.append(k == 0 ? "; largest losses: " : ", ").append(r.names.get(i)).append(' ')
          .append(num(pnl(r, i, extended)));
    }
    return sb.toString();
  }

  private static double pnl(PairRisk r, int i, boolean extended) {
    return extended ? r.extendedPnl.get(i)[r.worstExtended] : r.standardPnl.get(i)[r.worstStandard];
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
