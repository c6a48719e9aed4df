package org.pmargin.core.market;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Everything the engine needs to value a portfolio at one instant: per-underlying market data, USD prices of
 * the other assets (stablecoins, collateral tokens), and the discount rate. Immutable and versioned: a new price
 * makes a new snapshot with a higher version.
 *
 * <p>Conventions: prices in USD per unit; {@code rate} is the continuously compounded USD discount rate used for
 * option premiums (0 is the crypto-venue norm); times are ACT/365 from {@link #asOf()}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param asOf  the valuation instant, UTC
 * @param version  a number that increases with every new snapshot of the same feed
 * @param rate  the discount rate
 * @param underlyings  market data by underlying coin (iterated in ticker order)
 * @param assetPrices  USD prices of assets that are not underlyings (USDC, USDT, ...)
 * @param deliveryPrices  the settlement prices of expiries at or before {@code asOf}, at most one per underlying and
 *     expiry, to settle expired positions with ({@link org.pmargin.core.expiry.ExpirySettlement}); often empty
 */
public record MarketSnapshot(Instant asOf, long version, double rate, Map<Asset, UnderlyingMarket> underlyings,
    Map<Asset, Double> assetPrices, List<DeliveryPrice> deliveryPrices) {

  /** Validates the fields and checks every underlying is as of the same instant. */
  public MarketSnapshot {
    Checks.notNull(asOf, "as_of");
    Checks.require(version >= 0, "version", "must be >= 0, got " + version);
    Checks.finite(rate, "rate");
    Checks.notNull(underlyings, "underlyings");
    Checks.notNull(assetPrices, "prices");
    for (Map.Entry<Asset, UnderlyingMarket> e : underlyings.entrySet()) {
      UnderlyingMarket m = Checks.notNull(e.getValue(), "underlyings." + e.getKey());
      if (!m.underlying().equals(e.getKey())) {
        throw new InvalidInputException("underlyings." + e.getKey(), "holds data for " + m.underlying());
      }
      if (!m.forwards().asOf().equals(asOf)) {
        throw new InvalidInputException("underlyings." + e.getKey(),
            "is as of " + m.forwards().asOf() + ", the snapshot is as of " + asOf);
      }
    }
    for (Map.Entry<Asset, Double> e : assetPrices.entrySet()) {
      Checks.positive(Checks.notNull(e.getValue(), "prices." + e.getKey()), "prices." + e.getKey());
    }
    for (Asset a : assetPrices.keySet()) {
      if (underlyings.containsKey(a)) {
        throw new InvalidInputException("prices." + a, "is an underlying: its price is the underlying's index");
      }
    }
    Checks.notNull(deliveryPrices, "delivery_prices");
    for (int i = 0; i < deliveryPrices.size(); i++) {
      DeliveryPrice d = Checks.notNull(deliveryPrices.get(i), "delivery_prices[" + i + "]");
      if (d.expiry().isAfter(asOf)) {
        throw new InvalidInputException("delivery_prices[" + i + "].expiry", "must be at or before as_of " + asOf
            + " (a delivery price is known once its expiry has passed), got " + d.expiry());
      }
      for (int j = 0; j < i; j++) {
        DeliveryPrice o = deliveryPrices.get(j);
        if (o.underlying().equals(d.underlying()) && o.expiry().equals(d.expiry())) {
          throw new InvalidInputException("delivery_prices[" + i + "]",
              "duplicate delivery price for " + d.underlying() + " at " + d.expiry());
        }
      }
    }
    underlyings = Collections.unmodifiableMap(new TreeMap<>(underlyings));
    assetPrices = Collections.unmodifiableMap(new TreeMap<>(assetPrices));
    deliveryPrices = List.copyOf(deliveryPrices);
  }

  /**
   * A snapshot without delivery prices.
   *
   * @param asOf  the valuation instant, UTC
   * @param version  the snapshot's version
   * @param rate  the discount rate
   * @param underlyings  market data by underlying coin
   * @param assetPrices  USD prices of assets that are not underlyings
   */
  public MarketSnapshot(Instant asOf, long version, double rate, Map<Asset, UnderlyingMarket> underlyings,
      Map<Asset, Double> assetPrices) {
    this(asOf, version, rate, underlyings, assetPrices, List.of());
  }

  /** The same snapshot with these delivery prices instead of its own. */
  public MarketSnapshot withDeliveryPrices(List<DeliveryPrice> prices) {
    return new MarketSnapshot(asOf, version, rate, underlyings, assetPrices, prices);
  }

  /**
   * The delivery price of an underlying's expiry, if the snapshot has it.
   *
   * @param underlying  the coin
   * @param expiry  the expiry instant
   * @return the delivery price, or empty
   */
  public Optional<DeliveryPrice> deliveryPrice(Asset underlying, Instant expiry) {
    for (DeliveryPrice d : deliveryPrices) {
      if (d.underlying().equals(underlying) && d.expiry().equals(expiry)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * The market data of an underlying.
   *
   * @param underlying  the coin
   * @return its market data
   * @throws InvalidInputException naming {@code market.underlyings.X} when the snapshot has none
   */
  public UnderlyingMarket underlying(Asset underlying) {
    UnderlyingMarket m = underlyings.get(underlying);
    if (m == null) {
      throw new InvalidInputException("market.underlyings." + underlying, "no market data for " + underlying);
    }
    return m;
  }

  /**
   * The USD price of one unit of an asset: 1 for USD, the listed price for other assets, else the index of the
   * underlying of that name.
   *
   * @param asset  the asset
   * @return its USD price
   * @throws InvalidInputException naming {@code market.prices.X} when there is none
   */
  public double priceUsd(Asset asset) {
    if (asset.equals(Asset.USD)) {
      return 1.0;
    }
    Double listed = assetPrices.get(asset);
    if (listed != null) {
      return listed;
    }
    UnderlyingMarket m = underlyings.get(asset);
    if (m != null) {
      return m.index();
    }
    throw new InvalidInputException("market.prices." + asset, "no USD price for " + asset);
  }
}
