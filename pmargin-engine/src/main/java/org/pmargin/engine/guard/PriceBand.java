package org.pmargin.engine.guard;

import java.time.Instant;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.pricing.Black76;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The price-protection band around the mark within which the engine books a fill, per instrument class, as venues'
 * price bands do (Deribit's and Binance's limit-price bands, CME's price banding): spot, perpetuals and dated futures
 * within a fraction of their mark; options within a number of vol points of the surface's vol at their strike,
 * turned into premium by Black-76 (so the band is wide in premium where vega is large and narrow where it is small),
 * and never narrower than a premium floor, a fraction of the index, which covers deep out-of-the-money options whose
 * premium is a few ticks.
 *
 * <p>Without a band a fill of {@code BTC_USDC-PERPETUAL} at 1 against a mark of 65,690 would book 65,689 USD of
 * unrealised profit per coin at once, and that equity would back new risk.
 *
 * <p>The reference is the engine's current snapshot, valued as {@link PositionValuer} does (spot at the index, a
 * perpetual at its mark, a future at its forward, an option by Black-76, coin-settled options in coin).
 *
 * @param mode  what happens to a fill outside the band
 * @param spotFraction  the band of spot fills, a fraction of the mark in (0, 1] (0.05 = ± 5%)
 * @param perpetualFraction  the band of perpetual fills, a fraction of the mark in (0, 1]
 * @param futureFraction  the band of dated-future fills, a fraction of the mark in (0, 1]
 * @param optionVolPoints  the band of option fills in vol (0.20 = ± 20 vol points), in (0, 5]
 * @param optionPremiumFloor  the least half-width of an option's band, as a fraction of the index in the option's
 *     premium unit (0.0005 = 5 bp: 0.0005 BTC per coin on a coin-settled option, 32.85 USD at an index of 65,690 on a
 *     USD-settled one), in [0, 0.1]
 */
public record PriceBand(PriceBandMode mode, double spotFraction, double perpetualFraction, double futureFraction,
    double optionVolPoints, double optionPremiumFloor) {

  /** The lowest vol at which the lower bound of an option's band is priced. */
  private static final double MIN_VOL = 0.01;

  /** Validates the fields. */
  public PriceBand {
    Checks.notNull(mode, "price_band.mode");
    Checks.require(spotFraction > 0 && spotFraction <= 1, "price_band.spot", "must be in (0, 1], got " + spotFraction);
    Checks.require(perpetualFraction > 0 && perpetualFraction <= 1, "price_band.perpetual",
        "must be in (0, 1], got " + perpetualFraction);
    Checks.require(futureFraction > 0 && futureFraction <= 1, "price_band.future",
        "must be in (0, 1], got " + futureFraction);
    Checks.require(optionVolPoints > 0 && optionVolPoints <= 5, "price_band.option_vol_points",
        "must be in (0, 5], got " + optionVolPoints);
    Checks.require(optionPremiumFloor >= 0 && optionPremiumFloor <= 0.1, "price_band.option_premium_floor",
        "must be in [0, 0.1], got " + optionPremiumFloor);
  }

  /** Refuses fills more than 5% from the mark (spot, perpetuals, futures) or 20 vol points (options, floor 5 bp). */
  public static PriceBand defaults() {
    return new PriceBand(PriceBandMode.REFUSE, 0.05, 0.05, 0.05, 0.20, 0.0005);
  }

  /** The same band with another mode. */
  public PriceBand withMode(PriceBandMode value) {
    return new PriceBand(value, spotFraction, perpetualFraction, futureFraction, optionVolPoints, optionPremiumFloor);
  }

  /** The same band with every delta-one class (spot, perpetual, future) at one fraction of the mark. */
  public PriceBand withDeltaOneFraction(double fraction) {
    return new PriceBand(mode, fraction, fraction, fraction, optionVolPoints, optionPremiumFloor);
  }

  /** The same band with another option band in vol points. */
  public PriceBand withOptionVolPoints(double points) {
    return new PriceBand(mode, spotFraction, perpetualFraction, futureFraction, points, optionPremiumFloor);
  }

  /**
   * The acceptable prices of a fill in an instrument against a snapshot.
   *
   * @param instrument  the instrument
   * @param market  the snapshot
   * @return the band
   * @throws org.pmargin.core.validation.InvalidInputException when the snapshot cannot value the instrument
   */
  public FillPriceRange range(Instrument instrument, MarketSnapshot market) {
    double mark = PositionValuer.value(new Position(instrument, 1, 1), market).markPrice();
    return switch (instrument) {
      case Spot s -> deltaOne(mark, spotFraction);
      case Perpetual p -> deltaOne(mark, perpetualFraction);
      case DatedFuture f -> deltaOne(mark, futureFraction);
      case EuropeanOption o -> option(o, mark, market);
    };
  }

  private static FillPriceRange deltaOne(double mark, double fraction) {
    return new FillPriceRange(mark, mark * (1 - fraction), mark * (1 + fraction),
        () -> "mark " + FillPriceRange.fmt(mark) + " ± " + percent(fraction));
  }

  private FillPriceRange option(EuropeanOption o, double mark, MarketSnapshot market) {
    UnderlyingMarket m = market.underlying(o.underlying());
    Instant expiry = o.expiryInstant();
    double t = YearFraction.between(market.asOf(), expiry);
    double forward = m.forwards().forward(expiry);
    boolean coin = o.settlement() != Settlement.LINEAR;
    double floor = optionPremiumFloor * (coin ? m.index() / forward : m.index());
    if (!(t > 0)) {
      return new FillPriceRange(mark, Math.max(0, mark - floor), mark + floor,
          () -> "expired: intrinsic " + FillPriceRange.fmt(mark) + ", floor ± " + FillPriceRange.fmt(floor));
    }
    double vol = m.vols().vol(o.strike(), forward, t);
    double unit = coin ? forward : 1;
    double low = Black76.price(o.type(), forward, o.strike(), t, Math.max(vol - optionVolPoints, MIN_VOL),
        market.rate()) / unit;
    double high = Black76.price(o.type(), forward, o.strike(), t, vol + optionVolPoints, market.rate()) / unit;
    return new FillPriceRange(mark, Math.max(0, Math.min(low, mark - floor)), Math.max(high, mark + floor),
        () -> "mark " + FillPriceRange.fmt(mark) + " at vol " + percent(vol) + " ± " + plain(optionVolPoints * 100)
            + " vol points, floor ± " + FillPriceRange.fmt(floor));
  }

  private static String percent(double fraction) {
    return plain(fraction * 100) + "%";
  }

  private static String plain(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
