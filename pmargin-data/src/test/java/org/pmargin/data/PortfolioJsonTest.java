package org.pmargin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.InvalidInputException;

/** Reading portfolio files: the shipped examples, inline instruments, and bad input named by its path. */
class PortfolioJsonTest {

  private static final Path DIR = Path.of("..", "examples", "portfolios");

  static Stream<Path> examples() throws Exception {
    return Files.list(DIR).filter(p -> p.toString().endsWith(".json")).sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void shouldReadEveryShippedExample(Path file) {
    Account a = PortfolioJson.read(file);
    assertThat(a.portfolio().positions()).isNotEmpty();
    assertThat(a.collateral()).isNotEmpty();
  }

  @Test
  void shouldReadAnInlineInstrument() {
    Account a = PortfolioJson.read(DIR.resolve("multi-asset-usdc.json"));
    EuropeanOption eth = (EuropeanOption) a.portfolio().positions().get(4).instrument();
    assertThat(eth.underlying()).isEqualTo(Asset.ETH);
    assertThat(eth.quote()).isEqualTo(Asset.USDC);
    assertThat(eth.settlement()).isEqualTo(Settlement.LINEAR);
    assertThat(eth.strike()).isEqualTo(4000);
    assertThat(a.balance(Asset.USDC)).isEqualTo(250000.0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "zero quantity | {\"instrument\":\"BTC-PERPETUAL\",\"quantity\":0,\"entry_price\":1} | positions[0].quantity",
      "missing entry | {\"instrument\":\"BTC-PERPETUAL\",\"quantity\":1} | positions[0].entry_price",
      "unknown symbol | {\"instrument\":\"BTC-FOREVER\",\"quantity\":1,\"entry_price\":1} | positions[0].instrument",
      "missing instrument | {\"quantity\":1,\"entry_price\":1} | positions[0].instrument",
      "bad type | {\"instrument\":{\"type\":\"swaption\",\"symbol\":\"X\",\"underlying\":\"BTC\"},\"quantity\":1,\"entry_price\":1} | positions[0].instrument.type",
      "negative strike | {\"instrument\":{\"type\":\"option\",\"symbol\":\"X\",\"underlying\":\"BTC\",\"settlement\":\"coin\",\"option_type\":\"call\",\"strike\":-5,\"expiry\":\"2024-06-28\"},\"quantity\":1,\"entry_price\":0.1} | positions[0].instrument.strike",
      "bad settlement | {\"instrument\":{\"type\":\"perpetual\",\"symbol\":\"X\",\"underlying\":\"BTC\",\"settlement\":\"sideways\",\"contract_size\":1,\"tick_size\":1},\"quantity\":1,\"entry_price\":1} | positions[0].instrument.settlement",
      "typo | {\"instrument\":\"BTC-PERPETUAL\",\"qty\":1,\"entry_price\":1} | positions[0].qty",
  })
  void shouldNameTheFieldOfABadPosition(String what, String position, String field) {
    String json = "{\"version\":1,\"account\":\"a\",\"positions\":[" + position + "]}";
    assertThatThrownBy(() -> PortfolioJson.read(Json.parse(json))).as(what)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void shouldRefuseTwoPositionsInOneInstrument() {
    String json = """
        {"version":1,"account":"a","positions":[
          {"instrument":"BTC-PERPETUAL","quantity":1,"entry_price":1},
          {"instrument":"BTC-PERPETUAL","quantity":-1,"entry_price":1}]}""";
    assertThatThrownBy(() -> PortfolioJson.read(Json.parse(json)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("positions[1].instrument"));
  }

  @Test
  void shouldRefuseANonFiniteCollateralBalance() {
    String json = "{\"version\":1,\"account\":\"a\",\"collateral\":{\"BTC\":\"lots\"}}";
    assertThatThrownBy(() -> PortfolioJson.read(Json.parse(json)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("collateral.BTC"));
  }
}
