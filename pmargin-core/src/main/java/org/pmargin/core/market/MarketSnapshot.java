package org.pmargin.core.market;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
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
 */
public record MarketSnapshot(Instant asOf, long version, double rate, Map<Asset, UnderlyingMarket> underlyings,
    Map<Asset, Double> assetPrices) {

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
    underlyings = Collections.unmodifiableMap(new TreeMap<>(underlyings));
    assetPrices = Collections.unmodifiableMap(new TreeMap<>(assetPrices));
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
