package org.pmargin.core.margin.derive;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;

/** Bad input is rejected with an {@link InvalidInputException} that names the field. */
class DeriveBadInputTest {

  private static final DerivePortfolio.Option CALL = DerivePortfolio.Option.of(2000, OptionType.CALL, 0.5, 1);
  private static final DerivePortfolio.Expiry EXPIRY = DerivePortfolio.Expiry.of(86400, 2000, 0, List.of(CALL));

  private static DerivePortfolio portfolio(List<DerivePortfolio.Expiry> expiries) {
    return new DerivePortfolio(Asset.ETH, 2000, 1, 1, 0, DerivePortfolio.Perp.none(), expiries, List.of());
  }

  static Stream<Arguments> cases() {
    MarketSnapshot market = DeriveAccountAdapterTest.market();
    Instant exp = DeriveAccountAdapterTest.SEP27;
    EuropeanOption inverse = new EuropeanOption("BTC-27SEP24-70000-C", Asset.BTC, Asset.USD, Settlement.INVERSE,
        OptionType.CALL, 70000, exp, 1, 0.0005);
    EuropeanOption linear = new EuropeanOption("BTC_USDC-27SEP24-70000-C", Asset.BTC, Asset.USDC, Settlement.LINEAR,
        OptionType.CALL, 70000, exp, 1, 0.5);
    MarketSnapshot noUsdc = new MarketSnapshot(market.asOf(), 1, 0, market.underlyings(), Map.of());
    return Stream.of(
        Arguments.of("spot", (Executable) () -> new DerivePortfolio(Asset.ETH, -1, 1, 1, 0,
            DerivePortfolio.Perp.none(), List.of(), List.of())),
        Arguments.of("spot_confidence", (Executable) () -> new DerivePortfolio(Asset.ETH, 2000, 1.5, 1, 0,
            DerivePortfolio.Perp.none(), List.of(), List.of())),
        Arguments.of("stable_price", (Executable) () -> new DerivePortfolio(Asset.ETH, 2000, 1, 0, 0,
            DerivePortfolio.Perp.none(), List.of(), List.of())),
        Arguments.of("cash", (Executable) () -> new DerivePortfolio(Asset.ETH, 2000, 1, 1, Double.NaN,
            DerivePortfolio.Perp.none(), List.of(), List.of())),
        Arguments.of("expiries[1].seconds_to_expiry", (Executable) () -> portfolio(List.of(EXPIRY, EXPIRY))),
        Arguments.of("perp.mark_price", (Executable) () -> new DerivePortfolio.Perp("p", 1, 0, 1, 0, 0)),
        Arguments.of("seconds_to_expiry", (Executable) () -> DerivePortfolio.Expiry.of(-1, 2000, 0, List.of(CALL))),
        Arguments.of("forward", (Executable) () -> new DerivePortfolio.Expiry(10, 0, 0, 0, 1, 1, List.of(CALL))),
        Arguments.of("options", (Executable) () -> DerivePortfolio.Expiry.of(10, 2000, 0, List.of())),
        Arguments.of("options[1]", (Executable) () -> DerivePortfolio.Expiry.of(10, 2000, 0, List.of(CALL, CALL))),
        Arguments.of("strike", (Executable) () -> DerivePortfolio.Option.of(0, OptionType.CALL, 0.5, 1)),
        Arguments.of("vol", (Executable) () -> DerivePortfolio.Option.of(2000, OptionType.CALL, -0.1, 1)),
        Arguments.of("amount", (Executable) () -> DerivePortfolio.Option.of(2000, OptionType.CALL, 0.5, 0)),
        Arguments.of("amount", (Executable) () -> new DerivePortfolio.Collateral("ETH", -1, 2000, 1, true, 0.02,
            0.01)),
        Arguments.of("mm_haircut", (Executable) () -> new DerivePortfolio.Collateral("ETH", 1, 2000, 1, true, 1.2,
            0.01)),
        Arguments.of("spot_shock", (Executable) () -> new DeriveScenario(1.1, DeriveVolShock.LINEAR, 1)),
        Arguments.of("dampening", (Executable) () -> new DeriveScenario(1.1, DeriveVolShock.UP, -1)),
        Arguments.of("scenarios", (Executable) () -> DeriveParameters.testSet().withScenarios(List.of(
            new DeriveScenario(1, DeriveVolShock.ABS, 1), new DeriveScenario(1, DeriveVolShock.ABS, 1)))),
        Arguments.of("scenarios", (Executable) () -> DeriveParameters.testSet().withScenarios(List.of())),
        Arguments.of("parameter", (Executable) () -> DeriveParameters.testSet().with("noSuchParameter", 1)),
        Arguments.of("mm_factor", (Executable) () -> DeriveParameters.testSet().with("mmFactor", 0.1)),
        Arguments.of("dte_floor", (Executable) () -> DeriveParameters.testSet().with("dteFloorDays", 0)),
        Arguments.of("basis_spot_up", (Executable) () -> DeriveParameters.testSet().with("basisSpotUp", 0.99)),
        Arguments.of("expiries", (Executable) () -> new DeriveModel(DeriveParameters.mainnet()).evaluate(portfolio(
            java.util.stream.LongStream.range(1, 13).mapToObj(i -> DerivePortfolio.Expiry.of(86400 * i, 2000, 0,
                List.of(CALL))).toList()))),
        Arguments.of("positions[0].instrument", (Executable) () -> new DeriveModel().margin(new Account("a",
            new Portfolio(List.of(new Position(inverse, 1, 0.01))), Map.of()), market)),
        Arguments.of("market.prices.USDC", (Executable) () -> new DeriveModel().margin(new Account("a",
            new Portfolio(List.of(new Position(linear, 1, 100))), Map.of()), noUsdc)),
        Arguments.of("collateral.ETH", (Executable) () -> new DeriveModel().margin(new Account("a",
            new Portfolio(List.of(new Position(linear, 1, 100))), Map.of(Asset.ETH, -1.0)), market)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldNameTheField(String field, Executable bad) {
    assertThatThrownBy(bad::execute).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((InvalidInputException) e).field())
            .isEqualTo(field));
  }
}
