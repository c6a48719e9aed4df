package org.pmargin.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;

/** Checks market snapshots and underlying markets: USD prices of assets, lookups and validation by field. */
class MarketSnapshotTest {

  private static final Instant AS_OF = Instant.parse("2024-05-28T08:00:00Z");
  private static final UnderlyingMarket BTC = market(Asset.BTC, AS_OF, 60_000);
  private static final UnderlyingMarket ETH = market(Asset.ETH, AS_OF, 3_000);
  private static final MarketSnapshot SNAPSHOT = new MarketSnapshot(AS_OF, 3, 0.0,
      Map.of(Asset.ETH, ETH, Asset.BTC, BTC), Map.of(Asset.USDC, 0.9995, Asset.USDT, 1.0002));

  private static UnderlyingMarket market(Asset coin, Instant asOf, double index) {
    return new UnderlyingMarket(coin, ForwardCurve.flat(asOf, index), index, 0.0001, VolSurface.flat(asOf, 0.5));
  }

  @Test
  void shouldPriceAssetsInUsd() {
    assertThat(SNAPSHOT.priceUsd(Asset.USD)).isEqualTo(1.0);
    assertThat(SNAPSHOT.priceUsd(Asset.USDC)).isEqualTo(0.9995);
    assertThat(SNAPSHOT.priceUsd(Asset.BTC)).isEqualTo(60_000);
    assertThat(SNAPSHOT.priceUsd(Asset.ETH)).isEqualTo(3_000);
    assertThat(SNAPSHOT.underlying(Asset.ETH).index()).isEqualTo(3_000);
    assertThat(SNAPSHOT.underlyings().keySet()).containsExactly(Asset.BTC, Asset.ETH);
  }

  @Test
  void shouldNameMissingData() {
    Asset sol = new Asset("SOL");
    assertField(() -> SNAPSHOT.underlying(sol), "market.underlyings.SOL");
    assertField(() -> SNAPSHOT.priceUsd(sol), "market.prices.SOL");
  }

  @Test
  void shouldNameEachBadSnapshotField() {
    Map<Asset, UnderlyingMarket> u = Map.of(Asset.BTC, BTC);
    assertField(() -> new MarketSnapshot(null, 1, 0, u, Map.of()), "as_of");
    assertField(() -> new MarketSnapshot(AS_OF, -1, 0, u, Map.of()), "version");
    assertField(() -> new MarketSnapshot(AS_OF, 1, Double.NaN, u, Map.of()), "rate");
    assertField(() -> new MarketSnapshot(AS_OF, 1, 0, null, Map.of()), "underlyings");
    assertField(() -> new MarketSnapshot(AS_OF, 1, 0, u, null), "prices");
    assertField(() -> new MarketSnapshot(AS_OF, 1, 0, Map.of(Asset.ETH, BTC), Map.of()), "underlyings.ETH");
    assertField(() -> new MarketSnapshot(AS_OF, 1, 0, Map.of(Asset.BTC, market(Asset.BTC, AS_OF.plusSeconds(1),
        60_000)), Map.of()), "underlyings.BTC");
    assertField(() -> new MarketSnapshot(AS_OF, 1, 0, u, Map.of(Asset.USDC, 0.0)), "prices.USDC");
    assertField(() -> new MarketSnapshot(AS_OF, 1, 0, u, Map.of(Asset.USDC, Double.NaN)), "prices.USDC");
    assertField(() -> new MarketSnapshot(AS_OF, 1, 0, u, Map.of(Asset.BTC, 60_000.0)), "prices.BTC");
    Map<Asset, Double> nullPrice = new HashMap<>();
    nullPrice.put(Asset.USDT, null);
    assertField(() -> new MarketSnapshot(AS_OF, 1, 0, u, nullPrice), "prices.USDT");
  }

  @Test
  void shouldNameEachBadUnderlyingMarketField() {
    ForwardCurve curve = ForwardCurve.flat(AS_OF, 100);
    VolSurface vols = VolSurface.flat(AS_OF, 0.5);
    assertField(() -> new UnderlyingMarket(null, curve, 100, 0, vols), "underlying");
    assertField(() -> new UnderlyingMarket(Asset.BTC, null, 100, 0, vols), "forwards");
    assertField(() -> new UnderlyingMarket(Asset.BTC, curve, 0, 0, vols), "perpetual_mark");
    assertField(() -> new UnderlyingMarket(Asset.BTC, curve, Double.NaN, 0, vols), "perpetual_mark");
    assertField(() -> new UnderlyingMarket(Asset.BTC, curve, 100, Double.NaN, vols), "funding_rate_8h");
    assertField(() -> new UnderlyingMarket(Asset.BTC, curve, 100, 0, null), "vol_surface");
    assertField(() -> new UnderlyingMarket(Asset.BTC, curve, 100, 0, VolSurface.flat(AS_OF.plusSeconds(1), 0.5)),
        "vol_surface");
  }

  private static void assertField(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
