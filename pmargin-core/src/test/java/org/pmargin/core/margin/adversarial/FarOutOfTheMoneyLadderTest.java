package org.pmargin.core.margin.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.sensitivity.SensitivityModel;
import org.pmargin.core.margin.standard.CrossModel;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The "flat on the grid" trick: a ladder of far out-of-the-money short calls (strikes 1.4 to 2 times spot) loses
 * almost nothing inside the grid's ±15% scan range, yet a short squeeze like BTC's +60% weeks loses many times the
 * premium. Every model must charge a real fraction of that tail: here at least a fifth of the loss of a +50% move
 * with vols up 30% (a move inside 2020-21's monthly range), and never less than the premium received.
 */
class FarOutOfTheMoneyLadderTest {

  private static final Instant AS_OF = Instant.parse("2024-06-17T10:22:20Z");
  private static final Instant SEP27 = Instant.parse("2024-09-27T08:00:00Z");

  static List<MarginModel> models() {
    return List.of(new ScenarioGridModel(GridParameters.deribitUnified()),
        new ScenarioGridModel(GridParameters.deribit()), new ScenarioGridModel(GridParameters.standard()),
        new ScenarioGridModel(GridParameters.paradex()), new ScenarioGridModel(GridParameters.span()),
        new SensitivityModel(), new CrossModel());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void shouldChargeAFarOutOfTheMoneyShortCallLadder(MarginModel model) {
    MarketSnapshot market = new MarketSnapshot(AS_OF, 1, 0.0, Map.of(Asset.BTC, new UnderlyingMarket(Asset.BTC,
        new ForwardCurve(AS_OF, 65_000, List.of(new ForwardCurve.ForwardPoint(SEP27, 65_000 * 1.027))),
        65_000 * 1.0004, 0.0001, VolSurface.flat(AS_OF, 0.55))), Map.of(Asset.USDC, 1.0));
    List<Position> ladder = new ArrayList<>();
    double premiumUsd = 0;
    for (int strike = 90_000; strike <= 130_000; strike += 10_000) {
      var option = DeribitSymbols.parse("BTC-27SEP24-" + strike + "-C");
      double mark = PositionValuer.value(new Position(option, 1, 1), market).markPrice();
      Position p = new Position(option, -100, mark);
      premiumUsd += -PositionValuer.value(p, market).valueUsd();
      ladder.add(p);
    }
    MarketShock squeeze = new MarketShock(Asset.BTC, 1.5, (vol, t) -> vol * 1.3);
    double loss = 0;
    for (Position p : ladder) {
      loss += PositionValuer.value(p, market).valueUsd() - PositionValuer.value(p, market, squeeze).valueUsd();
    }
    double im = model.margin(new Account("ladder", new Portfolio(ladder), Map.of(Asset.USDC, 1e7)), market)
        .initialMarginUsd();
    assertThat(loss).isGreaterThan(10 * premiumUsd);
    assertThat(im).as("IM against the +50%% squeeze loss %.0f", loss).isGreaterThanOrEqualTo(0.2 * loss);
    assertThat(im).isGreaterThanOrEqualTo(premiumUsd);
  }
}
