package org.pmargin.core.margin.standard;

import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

/**
 * One position as the standard rules see it: its kind, size and notional, and its requirement in its settlement
 * currency. Shared by {@link IsolatedModel} and {@link CrossModel}.
 */
final class StandardRules {

  private StandardRules() {
  }

  /** The kinds of position the standard rules tell apart, each a component of the breakdown. */
  enum Kind {
    DELTA_ONE("delta_one"),
    SPOT("spot"),
    SHORT_OPTIONS("short_options"),
    LONG_OPTIONS("long_options");

    final String component;

    Kind(String component) {
      this.component = component;
    }
  }

  /**
   * A position's exposure.
   *
   * @param valuation  its valuation
   * @param kind  its kind
   * @param charged  whether it needs margin (false for long spot and long options)
   * @param sizeCoins  its size in coins of the underlying, ≥ 0
   * @param notional  its notional in the settlement currency (delta-one: size at its mark; option: the underlying
   *     value of its size), ≥ 0
   * @param toUsd  the USD value of one unit of the settlement currency, as the unified pool converts it: the index
   *     for coin-settled instruments, 1 (par) for linear derivatives, the quote's USD price for spot
   * @param rates  the delta-one rates of its underlying
   * @param optionInitial  a short option's initial margin as a fraction of its notional, else 0
   * @param optionMaintenance  a short option's maintenance margin as a fraction of its notional, else 0
   */
  record Exposure(PositionValuation valuation, Kind kind, boolean charged, double sizeCoins, double notional,
      double toUsd, DeltaOneRates rates, double optionInitial, double optionMaintenance) {

    Position position() {
      return valuation.position();
    }

    double notionalUsd() {
      return notional * toUsd;
    }

    /** The isolated model's initial margin, settlement currency: delta-one rates scaled with the size. */
    double scaledInitial(StandardMarginParameters p) {
      return scaled(p, rates.initialRate(), optionInitial);
    }

    /** The isolated model's maintenance margin, settlement currency. */
    double scaledMaintenance(StandardMarginParameters p) {
      return scaled(p, rates.maintenanceRate(), optionMaintenance);
    }

    /** The initial margin at the base rates (no size scaling), settlement currency. */
    double baseInitial() {
      return base(rates.initialRate(), optionInitial);
    }

    /** The maintenance margin at the base rates (no size scaling), settlement currency. */
    double baseMaintenance() {
      return base(rates.maintenanceRate(), optionMaintenance);
    }

    /** Whether the cross model's size tiers apply. */
    boolean tiered(StandardMarginParameters p) {
      return charged && (kind != Kind.SHORT_OPTIONS || p.tierShortOptions());
    }

    private double scaled(StandardMarginParameters p, double baseRate, double optionFraction) {
      if (!charged) {
        return 0;
      }
      if (kind == Kind.SHORT_OPTIONS) {
        return notional * optionFraction;
      }
      double rate = baseRate + rates.incrementPerStep() * rates.steps(sizeCoins, notionalUsd());
      return notional * Math.min(rate, p.deltaOneRateCap());
    }

    private double base(double baseRate, double optionFraction) {
      if (!charged) {
        return 0;
      }
      return notional * (kind == Kind.SHORT_OPTIONS ? optionFraction : baseRate);
    }
  }

  /**
   * Values a position and reads its exposure.
   *
   * @param position  the position
   * @param market  the snapshot
   * @param params  the parameters
   * @return its exposure
   */
  static Exposure exposure(Position position, MarketSnapshot market, StandardMarginParameters params) {
    PositionValuation v = PositionValuer.value(position, market);
    double q = Math.abs(position.quantity());
    boolean isShort = position.quantity() < 0;
    DeltaOneRates rates = params.deltaOneFor(position.instrument().underlying());
    return switch (position.instrument()) {
      case Spot spot -> new Exposure(v, Kind.SPOT, isShort, q, q * v.markPrice(), market.priceUsd(spot.quote()),
          rates, 0, 0);
      case Perpetual perp -> deltaOne(v, perp.settlement(), q * perp.contractSize(), market, rates);
      case DatedFuture future -> deltaOne(v, future.settlement(), q * future.contractSize(), market, rates);
      case EuropeanOption option -> {
        UnderlyingMarket m = market.underlying(option.underlying());
        // the option's underlying price: the forward of its expiry (the index once expired), the price Deribit's
        // "underlying mark price" and the coin mark (Black-76 / F) refer to
        double u = m.forwards().forward(option.expiryInstant());
        boolean inverse = option.settlement() == Settlement.INVERSE;
        double coins = q * option.contractSize();
        double unit = inverse ? 1.0 : u;
        double markFraction = v.markPrice() / unit;
        double otm = Math.max(0, option.type().isCall() ? option.strike() - u : u - option.strike());
        boolean call = option.type().isCall();
        OptionRates o = params.options();
        yield new Exposure(v, isShort ? Kind.SHORT_OPTIONS : Kind.LONG_OPTIONS, isShort, coins, coins * unit,
            inverse ? m.index() : 1.0, rates,
            isShort ? o.shortInitial(call, otm / u, markFraction) : 0,
            isShort ? o.shortMaintenance(call, markFraction) : 0);
      }
    };
  }

  private static Exposure deltaOne(PositionValuation v, Settlement settlement, double size, MarketSnapshot market,
      DeltaOneRates rates) {
    double mark = v.markPrice();
    if (settlement == Settlement.LINEAR) {
      // size in coins; notional in the quote currency at the mark
      return new Exposure(v, Kind.DELTA_ONE, true, size, size * mark, 1.0, rates, 0, 0);
    }
    // size is USD face value N; its size in coin is N / mark of the instrument, which is also its notional in coin
    double coins = size / mark;
    double index = market.underlying(v.position().instrument().underlying()).index();
    return new Exposure(v, Kind.DELTA_ONE, true, coins, coins, index, rates, 0, 0);
  }

  /** A per-kind running total while a pool is margined (local to one call, never shared). */
  static final class Tally {
    double initial;
    double maintenance;
    int count;
    final Set<Asset> underlyings = new TreeSet<>();

    void add(Exposure e, double im, double mm) {
      initial += im;
      maintenance += mm;
      count++;
      underlyings.add(e.position().instrument().underlying());
    }
  }

  /** The delta-one rules of some underlyings for explanations, e.g. "BTC 2% + 0.5% per 100 coins, ...". */
  static String ratesText(StandardMarginParameters p, Set<Asset> underlyings) {
    StringBuilder b = new StringBuilder();
    for (Asset a : underlyings) {
      b.append(b.isEmpty() ? "" : "; ").append(a).append(" IM ").append(ratesText(p.deltaOneFor(a)));
    }
    return b.toString();
  }

  /** A USD amount for explanations: a whole number, or "∞". */
  static String usd(double amount) {
    return Double.isInfinite(amount) ? "∞" : BigDecimal.valueOf(Math.round(amount)).toPlainString();
  }

  /** A rate as a percentage for explanations, e.g. 0.075 → "7.5%". */
  static String pct(double rate) {
    return BigDecimal.valueOf(rate).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }

  /** A delta-one rule for explanations, e.g. "2% + 0.5% per 100 coins, MM 1.5% + the same increment". */
  static String ratesText(DeltaOneRates r) {
    String step = BigDecimal.valueOf(r.step()).stripTrailingZeros().toPlainString()
        + (r.stepUnit() == DeltaOneRates.StepUnit.COIN ? " coins" : " USD of notional");
    return pct(r.initialRate()) + " + " + pct(r.incrementPerStep()) + " per " + step + ", MM "
        + pct(r.maintenanceRate()) + " + the same increment";
  }
}
