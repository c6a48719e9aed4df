package org.pmargin.core.margin.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.sensitivity.SensitivityModel;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.PositionValuer;

/**
 * An adversarial bound on portfolio margin: adding a position B to a book A can lower its margin by at most what B
 * alone would need the other way round, IM(A + B) ≥ IM(A) − IM(−B). A sub-additive margin (a max loss over
 * scenarios, a quadratic form with a positive semi-definite correlation) satisfies it; a model that does not would
 * let a user buy margin relief larger than the risk of the hedge, e.g. a long BTC book "hedged" by a tiny short in a
 * thin correlated alt that the correlation offsets credit beyond its size. Checked on seeded random books and
 * hedges, among them tiny alt shorts, under the grid presets and the sensitivity model.
 */
class HedgeCreditBoundTest {

  private static final Instant AS_OF = Instant.parse("2024-06-17T10:22:20Z");
  private static final Instant SEP27 = Instant.parse("2024-09-27T08:00:00Z");
  private static final MarketSnapshot MARKET = market();
  private static final List<Instrument> UNIVERSE = List.of(DeribitSymbols.parse("BTC_USDC-PERPETUAL"),
      DeribitSymbols.parse("ETH_USDC-PERPETUAL"), DeribitSymbols.parse("SOL_USDC-PERPETUAL"),
      DeribitSymbols.parse("BTC-PERPETUAL"), DeribitSymbols.parse("BTC-27SEP24-80000-C"),
      DeribitSymbols.parse("BTC-27SEP24-50000-P"), DeribitSymbols.parse("ETH-27SEP24-4000-C"));

  private static MarketSnapshot market() {
    Map<Asset, UnderlyingMarket> u = new java.util.HashMap<>();
    double[][] spec = {{65_000, 0.55}, {3_500, 0.65}, {140, 0.85}};
    Asset[] coins = {Asset.BTC, Asset.ETH, Asset.of("SOL")};
    for (int i = 0; i < 3; i++) {
      double s = spec[i][0];
      u.put(coins[i], new UnderlyingMarket(coins[i], new ForwardCurve(AS_OF, s, List.of(
          new ForwardCurve.ForwardPoint(SEP27, s * 1.027))), s * 1.0004, 0.0001, VolSurface.flat(AS_OF, spec[i][1])));
    }
    return new MarketSnapshot(AS_OF, 1, 0.0, u, Map.of(Asset.USDC, 1.0));
  }

  static Stream<Arguments> cases() {
    List<MarginModel> models = List.of(new ScenarioGridModel(GridParameters.deribitUnified()),
        new ScenarioGridModel(GridParameters.standard()), new ScenarioGridModel(GridParameters.span()),
        new SensitivityModel());
    List<Arguments> out = new ArrayList<>();
    for (MarginModel m : models) {
      for (long seed = 1; seed <= 10; seed++) {
        out.add(Arguments.of(m.name(), m, seed));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} seed {2}")
  @MethodSource("cases")
  void aHedgeShouldNeverBuyMoreReliefThanItsOwnMargin(String name, MarginModel model, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int k = 0; k < 10; k++) {
      List<Position> book = new ArrayList<>();
      List<Instrument> pool = new ArrayList<>(UNIVERSE);
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        book.add(position(pool.remove(rnd.nextInt(pool.size())), rnd));
      }
      // the hedge: a tiny alt short half the time, else any other instrument at any size
      Instrument h = rnd.nextBoolean() ? DeribitSymbols.parse("SOL_USDC-PERPETUAL")
          : pool.get(rnd.nextInt(pool.size()));
      book.removeIf(p -> p.instrument().equals(h));
      if (book.isEmpty()) {
        continue;
      }
      Position hedge = h.symbol().startsWith("SOL") && rnd.nextBoolean()
          ? at(h, -rnd.nextDouble(1, 50)) : position(h, rnd);
      List<Position> both = new ArrayList<>(book);
      both.add(hedge);
      double a = im(model, book);
      double ab = im(model, both);
      double minusB = im(model, List.of(hedge.withQuantity(-hedge.quantity())));
      assertThat(ab).as("%s + %s", book, hedge).isGreaterThanOrEqualTo(a - minusB - 1e-6 * (a + 1));
    }
  }

  private static double im(MarginModel model, List<Position> positions) {
    return model.margin(new Account("x", new Portfolio(positions), Map.of(Asset.USDC, 1e7)), MARKET)
        .initialMarginUsd();
  }

  private static Position position(Instrument i, SplittableRandom rnd) {
    double size = i instanceof org.pmargin.core.instrument.EuropeanOption ? rnd.nextDouble(1, 50)
        : i.settlement() == org.pmargin.core.instrument.Settlement.LINEAR ? rnd.nextDouble(100, 50_000)
        : rnd.nextDouble(1_000, 1_000_000);
    return at(i, rnd.nextBoolean() ? size : -size);
  }

  private static Position at(Instrument i, double q) {
    return new Position(i, q, PositionValuer.value(new Position(i, 1, 1), MARKET).markPrice());
  }
}
