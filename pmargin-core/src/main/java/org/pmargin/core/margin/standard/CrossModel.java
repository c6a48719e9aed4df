package org.pmargin.core.margin.standard;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.instrument.Asset;
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
 * Cross margin: one USD collateral pool per account with shared unrealised P&amp;L, and per-position requirements
 * summed with no offsets between positions, larger positions paying higher rates — the large exchanges' standard
 * (non-portfolio) cross mode.
 *
 * <p><b>Pool.</b> {@link MarginView#UNIFIED_USD}: equity is {@link PoolBook#equity} — every balance at its haircut
 * USD value ({@link HaircutSchedule}) plus every position's USD value, so one position's unrealised gain does cover
 * another's loss.
 *
 * <p><b>Requirements</b> per position, in USD, summed:
 * <ul>
 *   <li>perpetual, dated future, short spot: the base rate of its underlying ({@link DeltaOneRates#initialRate()},
 *       no per-step increment) on its USD notional, plus the size tiers' extra;</li>
 *   <li>short option: Deribit's option rule ({@link OptionRates}) converted to USD, plus the size tiers' extra on its
 *       underlying notional when {@link StandardMarginParameters#tierShortOptions()};</li>
 *   <li>long spot and long options: nothing (fully paid).</li>
 * </ul>
 * The size tiers ({@link SizeTiers}) are applied to each instrument's own USD notional: the {@code size_tiers}
 * component is what the brackets charge beyond the first bracket's rates, Σ slice × (rate<sub>bracket</sub> −
 * rate<sub>first</sub>). With the defaults the first bracket's rates equal BTC's and ETH's base rates, so a BTC
 * position's delta-one plus tier charge is exactly the bracket table's requirement. The tiers replace the isolated
 * model's linear per-step increment (not added to it). Coin amounts are converted at the index and linear ones at
 * par, as the unified pool converts values.
 *
 * <p>Components: {@code delta_one}, {@code spot}, {@code short_options}, {@code long_options} at base rates and
 * {@code size_tiers}; each position's contribution is its own initial margin including its tier extra.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CrossModel implements MarginModel {

  private final StandardMarginParameters params;
  private final HaircutSchedule haircuts;

  /** The model with Deribit's standard parameters and the standard haircut schedule. */
  public CrossModel() {
    this(StandardMarginParameters.deribit(), HaircutSchedule.standard());
  }

  /**
   * The model with the given parameters.
   *
   * @param params  the rates and size tiers
   * @param haircuts  how collateral balances count towards equity
   */
  public CrossModel(StandardMarginParameters params, HaircutSchedule haircuts) {
    this.params = Checks.notNull(params, "parameters");
    this.haircuts = Checks.notNull(haircuts, "haircuts");
  }

  /** The parameters. */
  public StandardMarginParameters parameters() {
    return params;
  }

  /** The haircut schedule. */
  public HaircutSchedule haircuts() {
    return haircuts;
  }

  @Override
  public String name() {
    return "cross";
  }

  @Override
  public MarginResult margin(Account account, MarketSnapshot market) {
    Checks.notNull(account, "account");
    Checks.notNull(market, "market");
    PoolBook book = PoolBook.split(account, MarginView.UNIFIED_USD, market).get(0);
    SizeTiers tiers = params.sizeTiers();
    Map<Kind, StandardRules.Tally> byKind = new EnumMap<>(Kind.class);
    List<PositionContribution> contributions = new ArrayList<>();
    double tierIm = 0;
    double tierMm = 0;
    int tiered = 0;
    int aboveFirst = 0;
    String largest = "";
    double largestNotional = -1;
    for (Position p : book.positions()) {
      Exposure e = StandardRules.exposure(p, market, params);
      double im = e.baseInitial() * e.toUsd();
      double mm = e.baseMaintenance() * e.toUsd();
      byKind.computeIfAbsent(e.kind(), k -> new StandardRules.Tally()).add(e, im, mm);
      if (e.tiered(params)) {
        double n = e.notionalUsd();
        double extraIm = tiers.initialExtra(n);
        double extraMm = tiers.maintenanceExtra(n);
        tierIm += extraIm;
        tierMm += extraMm;
        im += extraIm;
        tiered++;
        if (n > tiers.tiers().get(0).upToUsd()) {
          aboveFirst++;
        }
        if (n > largestNotional) {
          largestNotional = n;
          largest = p.instrument().symbol();
        }
      }
      contributions.add(new PositionContribution(p.instrument().symbol(), 0, im));
    }
    List<MarginComponent> components = new ArrayList<>();
    for (Map.Entry<Kind, StandardRules.Tally> k : byKind.entrySet()) {
      StandardRules.Tally t = k.getValue();
      components.add(new MarginComponent(k.getKey().component, t.initial, t.maintenance, explain(k.getKey(), t)));
    }
    if (tiered > 0) {
      SizeTier first = tiers.tiers().get(0);
      components.add(new MarginComponent("size_tiers", tierIm, tierMm, aboveFirst + " of " + tiered
          + " tiered position(s) above the first bracket (" + StandardRules.pct(first.initialRate()) + " / "
          + StandardRules.pct(first.maintenanceRate()) + " up to " + StandardRules.usd(first.upToUsd())
          + " USD notional) pay the higher brackets' rates on the slices above it; largest: " + largest + " at "
          + StandardRules.usd(largestNotional) + " USD (bracket " + (tiers.bracketOf(largestNotional) + 1) + " of "
          + tiers.tiers().size() + ")"));
    }
    double equity = book.equity(market, haircuts);
    PoolMargin pool = PoolMargin.of(book.currency(), equity, components, "", contributions, book.usdRate(market));
    return MarginResult.of(name(), MarginView.UNIFIED_USD, List.of(pool));
  }

  private String explain(Kind kind, StandardRules.Tally t) {
    OptionRates o = params.options();
    int count = t.count;
    return switch (kind) {
      case DELTA_ONE -> count + " perpetual/future position(s) at their underlying's base rate on the USD notional ("
          + baseRates(t) + "); larger positions pay more in size_tiers; no offsets";
      case SPOT -> count + " spot position(s): a long holding is fully paid and needs no margin, a short one pays"
          + " the delta-one base rate (" + baseRates(t) + ")";
      case SHORT_OPTIONS -> count + " short option(s): IM max(" + StandardRules.pct(o.initialRate())
          + " − OTM/U, " + StandardRules.pct(o.initialFloor()) + ") + mark, MM "
          + StandardRules.pct(o.maintenanceRate()) + " + mark, of the underlying (puts: IM at least MM; Deribit"
          + " standard margin), in USD" + (params.tierShortOptions() ? "; larger ones pay more in size_tiers" : "");
      case LONG_OPTIONS -> count + " long option(s): the premium is paid, no further margin; their value counts in"
          + " the shared equity";
    };
  }

  private String baseRates(StandardRules.Tally t) {
    StringBuilder b = new StringBuilder();
    for (Asset a : t.underlyings) {
      DeltaOneRates r = params.deltaOneFor(a);
      b.append(b.isEmpty() ? "" : "; ").append(a).append(" IM ").append(StandardRules.pct(r.initialRate()))
          .append(", MM ").append(StandardRules.pct(r.maintenanceRate()));
    }
    return b.toString();
  }
}
