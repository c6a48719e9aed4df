package org.pmargin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.validation.InvalidInputException;

/** Reading risk-parameter files: presets, overrides, and every bad key or value named by its path. */
class RiskParametersJsonTest {

  private static RiskParameters read(String json) {
    return RiskParametersJson.read(Json.parse(json));
  }

  @Test
  void shouldReadTheShippedExampleAsDeribitWithOneOverride() {
    RiskParameters p = RiskParametersJson.read(Path.of("..", "examples", "params", "deribit-segregated.json"));
    assertThat(p.grid().name()).isEqualTo("deribit");
    assertThat(p.grid().view()).isEqualTo(MarginView.PER_SETTLEMENT_CURRENCY);
    assertThat(p.grid().deltaShockThresholdUsd()).isEqualTo(1e7);
    assertThat(p.grid().mmFactor()).isEqualTo(0.8);
  }

  @Test
  void shouldDefaultEverySection() {
    RiskParameters p = read("{\"version\":1}");
    assertThat(p.grid().name()).isEqualTo("default");
    assertThat(p.grid().view()).isEqualTo(MarginView.UNIFIED_USD);
  }

  @Test
  void shouldReadCollateralClassesWithAnUnboundedLastTier() {
    RiskParameters p = read("""
        {"version":1,"collateral":{"classes":[{"name":"stables","assets":["USDC"],
          "tiers":[{"up_to_usd":1000000,"haircut":0},{"haircut":0.1}]}],
          "default_class":{"name":"other","tiers":[{"haircut":0.5}]}}}""");
    // 2,000,000 USDC: the first million at 100%, the second at 90%.
    assertThat(p.collateral().countedUsd(Asset.USDC, 2_000_000, 1.0)).isEqualTo(1_900_000);
    assertThat(p.collateral().countedUsd(Asset.BTC, 1, 50_000)).isEqualTo(25_000);
    assertThat(p.grid().haircuts()).isEqualTo(p.collateral());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown top key | {\"version\":1,\"gird\":{}} | gird",
      "unknown grid key | {\"version\":1,\"grid\":{\"price_rnage\":0.2}} | grid.price_rnage",
      "range out of bounds | {\"version\":1,\"grid\":{\"price_range\":1.5}} | grid.price_range",
      "mm above im | {\"version\":1,\"grid\":{\"mm_factor\":1.2}} | grid.mm_factor",
      "unknown preset | {\"version\":1,\"grid\":{\"preset\":\"okx\"}} | grid.preset",
      "bad view | {\"version\":1,\"grid\":{\"view\":\"sideways\"}} | grid.view",
      "negative vol shock | {\"version\":1,\"grid\":{\"vol\":{\"up\":-1}}} | grid.vol.up",
      "tail inside range | {\"version\":1,\"grid\":{\"extended_moves\":[0.1]}} | grid.extended_moves[0]",
      "full credit | {\"version\":1,\"grid\":{\"offsets\":[{\"first\":\"BTC\",\"second\":\"ETH\",\"credit\":1.0}]}} | grid.offsets[0].credit",
      "offsets segregated | {\"version\":1,\"grid\":{\"preset\":\"deribit\",\"offsets\":[{\"first\":\"BTC\",\"second\":\"ETH\",\"credit\":0.2}]}} | grid.offsets",
      "haircut above one | {\"version\":1,\"collateral\":{\"classes\":[],\"default_class\":{\"name\":\"x\",\"tiers\":[{\"haircut\":1.5}]}}} | collateral.default_class.tiers[0].haircut",
      "falling haircut | {\"version\":1,\"collateral\":{\"classes\":[],\"default_class\":{\"name\":\"x\",\"tiers\":[{\"up_to_usd\":10,\"haircut\":0.5},{\"haircut\":0.1}]}}} | collateral.default_class.tiers[1].haircut",
      "asset in two classes | {\"version\":1,\"collateral\":{\"classes\":[{\"name\":\"a\",\"assets\":[\"BTC\"],\"tiers\":[{\"haircut\":0}]},{\"name\":\"b\",\"assets\":[\"BTC\"],\"tiers\":[{\"haircut\":0}]}],\"default_class\":{\"name\":\"x\",\"tiers\":[{\"haircut\":0.5}]}}} | collateral.classes[1].assets",
      "no version | {\"grid\":{}} | version",
      "bad scenario kind | {\"version\":1,\"simulation\":{\"scenarios\":\"vibes\"}} | simulation.scenarios",
      "t too thin | {\"version\":1,\"simulation\":{\"student_t_degrees\":2}} | simulation.student_t_degrees",
      "confidence one | {\"version\":1,\"simulation\":{\"confidence\":1}} | simulation.confidence",
      "unknown sim key | {\"version\":1,\"simulation\":{\"horizon\":10}} | simulation.horizon",
  })
  void shouldNameTheFieldOfABadParameter(String what, String json, String field) {
    assertThatThrownBy(() -> read(json)).as(what).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void shouldReadSimulationSettingsOverTheDefaults() {
    RiskParameters p = read("{\"version\":1,\"simulation\":{\"scenarios\":\"monte-carlo\",\"horizon_days\":2,"
        + "\"confidence\":0.99,\"add_ons\":false,\"seed\":7}}");
    assertThat(p.simulation().scenarios()).isEqualTo("monte-carlo");
    assertThat(p.simulation().horizonDays()).isEqualTo(2);
    assertThat(p.simulation().margin().confidence()).isEqualTo(0.99);
    assertThat(p.simulation().addOns()).isFalse();
    assertThat(p.simulation().seed()).isEqualTo(7);
    assertThat(p.simulation().ewmaLambda()).isEqualTo(0.94);
    // The funding provision's horizon is the margin period of risk unless set, and then follows an override.
    assertThat(p.simulation().margin().fundingHours()).isEqualTo(48);
    assertThat(p.simulation().with("historical", 5, true).margin().fundingHours()).isEqualTo(120);
    RiskParameters eight = read("{\"version\":1,\"simulation\":{\"funding_hours\":8}}");
    assertThat(eight.simulation().margin().fundingHours()).isEqualTo(8);
    assertThat(eight.simulation().with("historical", 5, true).margin().fundingHours()).isEqualTo(8);
    assertThatThrownBy(() -> read("{\"version\":1,\"simulation\":{\"funding_hours\":-1}}"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("simulation.funding_hours"));
  }
}
