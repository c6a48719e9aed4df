package org.pmargin.core.valuation;

import java.time.Instant;
import org.pmargin.core.expiry.ExpiryCheck;
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
import org.pmargin.core.pricing.OptionGreeks;
import org.pmargin.core.time.YearFraction;

/**
 * Values positions against a market snapshot: marks, unrealised profit and loss, and Greeks (see
 * {@link PositionValuation} for the two views and their units).
 *
 * <p>Marks: spot at the index (or the asset's listed price); a perpetual at the underlying's perpetual mark; a
 * dated future at the forward for its expiry; an option by Black-76 on that forward with the surface's vol at its
 * strike, discounted at the snapshot's rate. A coin-settled option's mark in coin is that USD price divided by the
 * same forward, as Deribit computes its marks ({@code mark = Black76(F, K, T, σ)/F}); its USD view converts the coin
 * value at the index.
 *
 * <p>An option or dated future whose expiry is at or before the snapshot's time is refused ({@link
 * org.pmargin.core.expiry.ExpiryCheck}): the venue has settled it at its delivery price, so it must be settled into
 * the cash balance first ({@link org.pmargin.core.expiry.ExpirySettlement}), never margined on today's index. Only
 * {@link #horizonValue} values one past expiry, for the P&L of a book held over a horizon.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PositionValuer {

  private PositionValuer() {
  }

  /**
   * Values one position.
   *
   * @param position  the position
   * @param market  the market snapshot
   * @return its valuation
   */
  public static PositionValuation value(Position position, MarketSnapshot market) {
    return value(position, market, null);
  }

  /**
   * Values one position in a scenario: the snapshot with one underlying moved and its vols shocked.
   *
   * @param position  the position
   * @param market  the market snapshot
   * @param shock  the scenario's shock, or null for none
   * @return its valuation in the scenario (Greeks at the shocked point)
   * @throws org.pmargin.core.validation.InvalidInputException naming {@code instrument} when it has expired at the
   *     snapshot's time
   */
  public static PositionValuation value(Position position, MarketSnapshot market, MarketShock shock) {
    ExpiryCheck.requireLive(position.instrument(), market.asOf());
    return valueAnyTime(position, market, shock);
  }

  /**
   * Values a position at a market time that may be past its expiry, for horizon P&L only (a book held from an earlier
   * day, whose option expired inside the horizon): an expired option is worth its intrinsic value at the index, with
   * a step delta and no other Greeks; an expired future is marked at the index. Never for margin.
   *
   * @param position  the position
   * @param market  the market snapshot
   * @return its valuation
   */
  public static PositionValuation horizonValue(Position position, MarketSnapshot market) {
    return valueAnyTime(position, market, null);
  }

  private static PositionValuation valueAnyTime(Position position, MarketSnapshot market, MarketShock shock) {
    Instrument instrument = position.instrument();
    double q = position.quantity();
    double move = shock == null ? 1.0 : shock.factorFor(instrument.underlying());
    return switch (instrument) {
      case Spot spot -> {
        double usd = market.priceUsd(spot.underlying()) * move;
        double s = usd / market.priceUsd(spot.quote());
        double pnl = q * (s - position.entryPrice());
        yield new PositionValuation(position, s, spot.quote(), pnl, q * s, q * usd, q, 0, 0, 0, 0, 0, q);
      }
      case Perpetual perp -> {
        UnderlyingMarket m = market.underlying(perp.underlying());
        yield deltaOne(position, perp.settlement(), perp.contractSize(), perp.underlying(), perp.quote(),
            m.perpetualMark() * move, m.index() * move);
      }
      case DatedFuture future -> {
        UnderlyingMarket m = market.underlying(future.underlying());
        double f = m.forwards().forward(future.expiryInstant());
        yield deltaOne(position, future.settlement(), future.contractSize(), future.underlying(), future.quote(),
            f * move, m.index() * move);
      }
      case EuropeanOption option -> option(position, option, market, move, shock);
    };
  }

  private static PositionValuation deltaOne(Position position, Settlement settlement, double contractSize,
      org.pmargin.core.instrument.Asset underlying, org.pmargin.core.instrument.Asset quote, double mark,
      double index) {
    double q = position.quantity();
    double entry = position.entryPrice();
    double ratio = mark / index;
    if (settlement == Settlement.LINEAR) {
      double coins = q * contractSize;
      double pnl = coins * (mark - entry);
      double delta = coins * ratio;
      return new PositionValuation(position, mark, quote, pnl, pnl, pnl, delta, 0, 0, 0, 0, 0, delta);
    }
    double notionalUsd = q * contractSize;
    double pnlCoin = notionalUsd * (1 / entry - 1 / mark);
    // USD value S·N·(1/E − 1/(bS)) = N·S/E − N/b: linear in S with slope N/E.
    double delta = notionalUsd / entry;
    double coinDelta = notionalUsd / mark;
    return new PositionValuation(position, mark, underlying, pnlCoin, pnlCoin, pnlCoin * index, delta, 0, 0, 0, 0,
        0, coinDelta);
  }

  private static PositionValuation option(Position position, EuropeanOption option, MarketSnapshot market,
      double move, MarketShock shock) {
    UnderlyingMarket m = market.underlying(option.underlying());
    double s = m.index() * move;
    double units = position.quantity() * option.contractSize();
    Instant expiry = option.expiryInstant();
    double t = YearFraction.between(market.asOf(), expiry);
    double f0 = m.forwards().forward(expiry);
    double f = f0 * move;
    OptionGreeks g;
    double ratio;
    if (t > 0) {
      double vol = m.vols().vol(option.strike(), f0, t);
      if (shock != null && shock.underlying().equals(option.underlying())) {
        vol = shock.vol().apply(vol, t);
        if (!(vol > 0) || Double.isInfinite(vol)) {
          throw new org.pmargin.core.validation.InvalidInputException("vol_shock",
              "gives vol " + vol + " for " + option.symbol());
        }
      }
      g = Black76.greeks(option.type(), f, option.strike(), t, vol, market.rate());
      ratio = f / s;
    } else {
      double intrinsic = Math.max(option.type().sign() * (s - option.strike()), 0);
      double step = intrinsic > 0 ? option.type().sign() : 0;
      g = new OptionGreeks(intrinsic, step, 0, 0, 0, 0, 0);
      ratio = 1;
    }
    double valueUsd = units * g.price();
    double delta = units * g.delta() * ratio;
    double gamma = units * g.gamma() * ratio * ratio;
    double vega = units * g.vega();
    double theta = units * g.theta();
    double vanna = units * g.vanna() * ratio;
    double volga = units * g.volga();
    if (option.settlement() == Settlement.LINEAR) {
      double mark = g.price();
      double pnl = units * (mark - position.entryPrice());
      return new PositionValuation(position, mark, option.quote(), pnl, valueUsd, valueUsd, delta, gamma, vega,
          theta, vanna, volga, delta);
    }
    // Coin-settled: the mark in coin is the USD price divided by the forward of the expiry (Deribit's mark
    // convention), and the USD view converts that coin value at the index: V_usd·S/F = V(bS)/b with F = bS.
    // Its S-derivatives are the linear ones times S/F.
    double toCoinView = 1 / ratio;
    double markCoin = g.price() / (t > 0 ? f : s);
    double pnlCoin = units * (markCoin - position.entryPrice());
    double valueCoin = units * markCoin;
    // S·∂V_coin/∂S with F = bS is Δ_F − V/F per unit: Deribit's delta, which subtracts the coin mark.
    double coinDelta = units * g.delta() - valueCoin;
    return new PositionValuation(position, markCoin, option.underlying(), pnlCoin, valueCoin, valueCoin * s,
        delta * toCoinView, gamma * toCoinView, vega * toCoinView, theta * toCoinView, vanna * toCoinView,
        volga * toCoinView, coinDelta);
  }
}
