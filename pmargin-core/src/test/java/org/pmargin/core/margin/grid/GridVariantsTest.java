package org.pmargin.core.margin.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.margin.MapVectorCache;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.VectorCache;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;

/**
 * The account's own margin from {@link GridVariants} is the model's, bit for bit, and a variant's margin from the
 * account's grid figures equals the model's margin of the variant account (positions
 * partly or fully closed, balances changed, a spot holding among them), under every grid preset, per pool: equity,
 * initial and maintenance margin to 1e-9 relative.
 */
class GridVariantsTest {

  private static final MarketSnapshot MARKET = GridFixtures.market();
  private static final List<GridParameters> PRESETS = List.of(GridParameters.deribit(),
      GridParameters.deribitUnified(), GridParameters.standard(), GridParameters.paradex(), GridParameters.span());
  private static final Spot BTC_SPOT = new Spot("BTC/USDC", Asset.BTC, Asset.USDC, 0.01);

  static Stream<Object[]> cases() {
    return IntStream.range(0, 50).mapToObj(i -> new Object[] {PRESETS.get(i % PRESETS.size()), (long) i});
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void shouldMarginAVariantAsTheModelMarginsTheVariantAccount(GridParameters preset, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ScenarioGridModel model = new ScenarioGridModel(preset);
    Account a = ScenarioGridSharedVectorsTest.randomAccount("v", rnd);
    if (rnd.nextBoolean()) {
      List<Position> ps = new ArrayList<>(a.portfolio().positions());
      ps.add(new Position(BTC_SPOT, rnd.nextDouble(0.1, 3), 60_000));
      a = new Account(a.id(), new Portfolio(ps), a.collateral());
    }
    VectorCache cache = new MapVectorCache();
    GridVariants variants = model.variants(a, MARKET, cache);
    assertThat(variants.margin()).as("the account's own margin, bit for bit").isEqualTo(model.margin(a, MARKET,
        cache, false));
    List<Position> positions = a.portfolio().positions();
    for (int k = 0; k < 12; k++) {
      double[] closed = new double[positions.size()];
      List<Position> kept = new ArrayList<>();
      for (int i = 0; i < closed.length; i++) {
        int pick = rnd.nextInt(4);
        closed[i] = pick == 0 ? 1 : pick == 1 ? rnd.nextDouble() : 0;
        Position p = positions.get(i);
        if (closed[i] < 1) {
          kept.add(p.withQuantity(p.quantity() * (1 - closed[i])));
        }
      }
      Map<Asset, Double> balances = new HashMap<>(a.collateral());
      for (Asset coin : List.of(Asset.USDC, Asset.BTC, Asset.ETH)) {
        if (rnd.nextBoolean()) {
          balances.merge(coin, rnd.nextDouble(-0.5, 0.5) * (coin.equals(Asset.USDC) ? 20_000 : 1), Double::sum);
        }
      }
      MarginResult estimate = variants.margin(closed, balances);
      MarginResult exact = model.margin(new Account("v", new Portfolio(kept), balances), MARKET, cache, false);
      assertThat(estimate).as("every balance's coin has a position or a balance already").isNotNull();
      assertThat(estimate.pools()).hasSameSizeAs(exact.pools());
      for (int p = 0; p < exact.pools().size(); p++) {
        var e = exact.pools().get(p);
        var v = estimate.pools().get(p);
        double scale = 1 + Math.abs(e.equity()) + e.maintenanceMargin();
        assertThat(v.currency()).isEqualTo(e.currency());
        assertThat(v.equity()).isCloseTo(e.equity(), within(1e-9 * scale));
        assertThat(v.maintenanceMargin()).isCloseTo(e.maintenanceMargin(), within(1e-9 * scale));
        assertThat(v.initialMargin()).isCloseTo(e.initialMargin(), within(1e-9 * (scale + e.initialMargin())));
      }
    }
  }
}
