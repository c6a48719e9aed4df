package org.pmargin.core.margin.standard;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.margin.standard.StandardRules.Exposure;
import org.pmargin.core.margin.standard.StandardRules.Kind;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.Checks;

/**
 * Isolated (static) margin: every position is margined alone, by exchange-standard rules, with no offsets at all —
 * the baseline every portfolio model is compared with.
 *
 * <p><b>Pools.</b> {@link MarginView#PER_SETTLEMENT_CURRENCY}: a coin-settled position (inverse perpetual or future,
 * coin-settled option) is margined in coin in its coin's pool, a linear one in the quote stablecoin's pool (USD at
 * par). Pools never cover each other.
 *
 * <p><b>Requirements</b> per position, in the settlement currency, summed per pool:
 * <ul>
 *   <li>perpetual or dated future: notional × (base rate + increment × size / step), capped
 *       ({@link DeltaOneRates}); the notional is the size at the instrument's mark (an inverse position of N USD is
 *       N/mark coins and its notional in coin is that size);</li>
 *   <li>spot: a long holding is fully paid and needs nothing; a short one (a borrowed coin) pays the delta-one
 *       rates;</li>
 *   <li>short option: Deribit's rule ({@link OptionRates}) × coins of underlying × the underlying's value in the
 *       settlement currency (1 coin, or U USD);</li>
 *   <li>long option: nothing beyond the premium already paid.</li>
 * </ul>
 * Each position's contribution is its own initial margin; the components are {@code delta_one}, {@code spot},
 * {@code short_options} and {@code long_options} (those the pool holds).
 *
 * <p><b>Equity.</b> Isolation means one position's unrealised gain cannot cover another's loss. The pool does not
 * know how its balance is allocated to positions, so it counts each position at the <i>lower of cost and market</i>:
 * equity = balances + Σ (value − max(0, unrealised P&amp;L)). Losses count in full; gains count only once realised.
 * For a delta-one contract this is balance + Σ min(0, P&amp;L); an option or a spot holding counts at the smaller of
 * its entry and mark values. This is conservative for the position that holds the gain too (on an exchange its own
 * profit would protect it), which we accept for want of a per-position allocation.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class IsolatedModel implements MarginModel {

  /** The schedule {@link PoolBook#equity} is given; settlement-currency pools do not use haircuts. */
  private static final HaircutSchedule UNUSED_HAIRCUTS = HaircutSchedule.standard();

  private final StandardMarginParameters params;

  /** The model with Deribit's standard parameters ({@link StandardMarginParameters#deribit()}). */
  public IsolatedModel() {
    this(StandardMarginParameters.deribit());
  }

  /**
   * The model with the given parameters.
   *
   * @param params  the parameters
   */
  public IsolatedModel(StandardMarginParameters params) {
    this.params = Checks.notNull(params, "parameters");
  }

  /** The parameters. */
  public StandardMarginParameters parameters() {
    return params;
  }

  @Override
  public String name() {
    return "isolated";
  }

  @Override
  public MarginResult margin(Account account, MarketSnapshot market) {
    Checks.notNull(account, "account");
    Checks.notNull(market, "market");
    List<PoolMargin> pools = new ArrayList<>();
    for (PoolBook book : PoolBook.split(account, MarginView.PER_SETTLEMENT_CURRENCY, market)) {
      Map<Kind, StandardRules.Tally> byKind = new EnumMap<>(Kind.class);
      List<PositionContribution> contributions = new ArrayList<>();
      double unrealisedGains = 0;
      for (Position p : book.positions()) {
        Exposure e = StandardRules.exposure(p, market, params);
        double im = e.scaledInitial(params);
        double mm = e.scaledMaintenance(params);
        byKind.computeIfAbsent(e.kind(), k -> new StandardRules.Tally()).add(e, im, mm);
        contributions.add(new PositionContribution(p.instrument().symbol(), 0, im));
        unrealisedGains += Math.max(0, e.valuation().unrealisedPnl());
      }
      List<MarginComponent> components = new ArrayList<>();
      for (Map.Entry<Kind, StandardRules.Tally> k : byKind.entrySet()) {
        StandardRules.Tally t = k.getValue();
        components.add(new MarginComponent(k.getKey().component, t.initial, t.maintenance, explain(k.getKey(), t)));
      }
      double equity = book.equity(market, UNUSED_HAIRCUTS) - unrealisedGains;
      pools.add(PoolMargin.of(book.currency(), equity, components, "", contributions, book.usdRate(market)));
    }
    return MarginResult.of(name(), MarginView.PER_SETTLEMENT_CURRENCY, pools);
  }

  private String explain(Kind kind, StandardRules.Tally t) {
    OptionRates o = params.options();
    int count = t.count;
    return switch (kind) {
      case DELTA_ONE -> count + " perpetual/future position(s), each alone at its underlying's base rate plus an"
          + " increment per size step, capped at " + StandardRules.pct(params.deltaOneRateCap())
          + " (Deribit standard margin: " + StandardRules.ratesText(params, t.underlyings) + "); no offsets";
      case SPOT -> count + " spot position(s): a long holding is fully paid and needs no margin, a short one pays"
          + " the delta-one rates (" + StandardRules.ratesText(params, t.underlyings) + ")";
      case SHORT_OPTIONS -> count + " short option(s), each alone: IM max(" + StandardRules.pct(o.initialRate())
          + " − OTM/U, " + StandardRules.pct(o.initialFloor()) + ") + mark, MM "
          + StandardRules.pct(o.maintenanceRate()) + " + mark, of the underlying (puts: IM at least MM; Deribit"
          + " standard margin); no offsets";
      case LONG_OPTIONS -> count + " long option(s): the premium is paid, no further margin; each counts in equity"
          + " at the lower of its entry and mark values";
    };
  }
}
