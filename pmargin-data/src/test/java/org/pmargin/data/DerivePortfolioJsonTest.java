package org.pmargin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.margin.derive.DeriveModel;
import org.pmargin.core.margin.derive.DerivePortfolio;
import org.pmargin.core.margin.derive.DeriveParameters;
import org.pmargin.core.margin.derive.DeriveVolShock;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading derive-portfolio files: defaults, expiry instants, parameters, and every bad field named by its path. */
class DerivePortfolioJsonTest {

  /** A file using every field. */
  private static final String FULL = """
      {"format": "derive-portfolio", "version": 1, "subaccount": "s1", "underlying": "eth",
       "as_of": "2025-01-01T08:00:00Z", "spot": 3000, "spot_confidence": 0.9, "stable_price": 0.999, "cash": -100,
       "perp": {"amount": -2, "mark_price": 3001, "confidence": 0.8, "unrealised_pnl": 5, "unrealised_funding": -1},
       "expiries": [
         {"expiry": "2025-01-31T08:00:00Z", "forward_variable": 3010, "forward_fixed": 0, "forward_confidence": 0.7,
          "rate": 0.05, "rate_confidence": 0.6,
          "options": [{"strike": 3200, "type": "call", "vol": 0.6, "amount": -1, "vol_confidence": 0.5},
                      {"label": "my-put", "strike": 3200, "type": "put", "vol": 0.65, "amount": 1}]},
         {"seconds_to_expiry": 600, "forward_variable": 1000, "forward_fixed": 2000, "rate": 0.04,
          "options": [{"strike": 3000, "type": "put", "vol": 0.5, "amount": 2}]}],
       "collateral": [{"asset": "WETH", "amount": 1.5, "price": 2990, "confidence": 0.4, "risk_cancelling": true,
                       "mm_haircut": 0.02, "im_haircut": 0.01}],
       "parameters": {"preset": "test-set", "mmFactor": 0.9, "maxExpiries": 4,
                      "scenarios": [{"spot_shock": 1.1, "vol_shock": "up"},
                                    {"spot_shock": 0.9, "vol_shock": "DOWN", "dampening": 0.5},
                                    {"spot_shock": 1, "vol_shock": "abs"}]}}""";

  private static final String MINIMAL = """
      {"format": "derive-portfolio", "version": 1, "subaccount": "s", "underlying": "BTC", "spot": 90000,
       "stable_price": 1,
       "expiries": [{"seconds_to_expiry": 86400, "forward_variable": 90100, "rate": 0.1,
                     "options": [{"strike": 100000, "type": "call", "vol": 0.5, "amount": -1}]}]}""";

  @Test
  void shouldReadEveryField() {
    DeriveInput in = DerivePortfolioJson.read(Json.parse(FULL));
    DerivePortfolio p = in.portfolio();
    assertThat(in.subaccount()).isEqualTo("s1");
    assertThat(p.underlying().code()).isEqualTo("ETH");
    assertThat(p.spot()).isEqualTo(3000);
    assertThat(p.spotConfidence()).isEqualTo(0.9);
    assertThat(p.stablePrice()).isEqualTo(0.999);
    assertThat(p.cash()).isEqualTo(-100);
    assertThat(p.perp()).isEqualTo(new DerivePortfolio.Perp("perp", -2, 3001, 0.8, 5, -1));
    DerivePortfolio.Expiry e0 = p.expiries().get(0);
    assertThat(e0.secondsToExpiry()).isEqualTo(30 * 86400L); // 30 days after as_of
    assertThat(e0.forwardConfidence()).isEqualTo(0.7);
    assertThat(e0.rateConfidence()).isEqualTo(0.6);
    assertThat(e0.options().get(0).label()).isEqualTo("C-3200@2025-01-31T08:00:00Z");
    assertThat(e0.options().get(0).volConfidence()).isEqualTo(0.5);
    assertThat(e0.options().get(1).label()).isEqualTo("my-put");
    assertThat(e0.options().get(1).type()).isEqualTo(OptionType.PUT);
    DerivePortfolio.Expiry e1 = p.expiries().get(1);
    assertThat(e1.secondsToExpiry()).isEqualTo(600);
    assertThat(e1.forwardVariable()).isEqualTo(1000);
    assertThat(e1.forwardFixed()).isEqualTo(2000);
    assertThat(p.collaterals()).containsExactly(new DerivePortfolio.Collateral("WETH", 1.5, 2990, 0.4, true, 0.02,
        0.01));
    DeriveParameters params = in.parameters().orElseThrow();
    assertThat(params.mmFactor()).isEqualTo(0.9);
    assertThat(params.maxExpiries()).isEqualTo(4);
    assertThat(params.scenarios()).hasSize(3);
    assertThat(params.scenarios().get(0).dampening()).isEqualTo(1.0);
    assertThat(params.scenarios().get(1).vol()).isEqualTo(DeriveVolShock.DOWN);
    assertThat(params.scenarios().get(1).dampening()).isEqualTo(0.5);
    assertThat(params.volShock()).isEqualTo(DeriveParameters.testSet().volShock());
    // it margins, and the oracle contingency sees the low confidences read from the file (0.4 < 0.55)
    assertThat(new DeriveModel(params).evaluate(p).oracle()).isPositive();
  }

  @Test
  void shouldDefaultConfidencesToOneTheFixedPartAndCashToZeroAndKeepNoParameters() {
    DeriveInput in = DerivePortfolioJson.read(Json.parse(MINIMAL));
    DerivePortfolio p = in.portfolio();
    assertThat(in.parameters()).isEmpty();
    assertThat(p.spotConfidence()).isEqualTo(1);
    assertThat(p.cash()).isZero();
    assertThat(p.perp().held()).isFalse();
    assertThat(p.collaterals()).isEmpty();
    DerivePortfolio.Expiry e = p.expiries().get(0);
    assertThat(e.forwardFixed()).isZero();
    assertThat(e.forwardConfidence()).isEqualTo(1);
    assertThat(e.rateConfidence()).isEqualTo(1);
    assertThat(e.options().get(0).volConfidence()).isEqualTo(1);
    assertThat(e.options().get(0).label()).isEqualTo("C-100000@86400s");
  }

  @Test
  void shouldCountAnExpiryAlreadyPastAsZeroSecondsAsPmrm2Does() {
    ObjectNode doc = (ObjectNode) Json.parse(FULL);
    ((ObjectNode) doc.get("expiries").get(0)).put("expiry", "2024-12-31T08:00:00Z");
    assertThat(DerivePortfolioJson.read(doc).portfolio().expiries().get(0).secondsToExpiry()).isZero();
  }

  @Test
  void shouldRecogniseOnlyADeclaredDerivePortfolio() {
    assertThat(DerivePortfolioJson.isDerivePortfolio(Json.parse(MINIMAL))).isTrue();
    assertThat(DerivePortfolioJson.isDerivePortfolio(Json.parse("{\"version\":1,\"account\":\"a\"}"))).isFalse();
    assertThat(DerivePortfolioJson.isDerivePortfolio(Json.parse("{\"format\":1}"))).isFalse();
    assertThat(DerivePortfolioJson.isDerivePortfolio(Json.parse("[1]"))).isFalse();
  }

  @Test
  void shouldLetARiskParameterFileReplaceTheDeriveScenarioList() {
    var p = RiskParametersJson.read(Json.parse("""
        {"version": 1, "derive": {"preset": "mainnet", "maxExpiries": 20,
          "scenarios": [{"spot_shock": 0.8, "vol_shock": "up", "dampening": 1}]}}""")).derive();
    assertThat(p.scenarios()).hasSize(1);
    assertThat(p.scenarios().get(0).spotShock()).isEqualTo(0.8);
    assertThat(p.maxExpiries()).isEqualTo(20);
    assertThat(p.contingencies()).isEqualTo(DeriveParameters.mainnet().contingencies());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "wrong format | /format | \"portfolio\" | format",
      "no version | /version | null | version",
      "newer version | /version | 2 | version",
      "unknown top field | /volatility | 0.5 | volatility",
      "no subaccount | /subaccount | null | subaccount",
      "blank underlying | /underlying | \" \" | underlying",
      "no spot | /spot | null | spot",
      "zero spot | /spot | 0 | spot",
      "confidence above 1 | /spot_confidence | 1.5 | spot_confidence",
      "no stable price | /stable_price | null | stable_price",
      "stable as text | /stable_price | \"1\" | stable_price",
      "perp without mark | /perp/mark_price | null | perp.mark_price",
      "perp confidence | /perp/confidence | -0.1 | perp.confidence",
      "unknown perp field | /perp/size | 1 | perp.size",
      "seconds and expiry | /expiries/1/expiry | \"2025-02-01\" | expiries[1].seconds_to_expiry",
      "neither seconds nor expiry | /expiries/0/expiry | null | expiries[0].seconds_to_expiry",
      "negative seconds | /expiries/1/seconds_to_expiry | -1 | expiries[1].seconds_to_expiry",
      "fractional seconds | /expiries/1/seconds_to_expiry | 1.5 | expiries[1].seconds_to_expiry",
      "bad instant | /expiries/0/expiry | \"soon\" | expiries[0].expiry",
      "negative forward | /expiries/0/forward_variable | -1 | expiries[0].forward_variable",
      "zero forward | /expiries/0/forward_variable | 0 | expiries[0].forward_variable",
      "missing rate | /expiries/0/rate | null | expiries[0].rate",
      "forward confidence | /expiries/0/forward_confidence | 2 | expiries[0].forward_confidence",
      "rate confidence | /expiries/1/rate_confidence | -1 | expiries[1].rate_confidence",
      "no options | /expiries/1/options | null | expiries[1].options",
      "empty options | /expiries/1/options | [] | expiries[1].options",
      "bad type | /expiries/0/options/0/type | \"straddle\" | expiries[0].options[0].type",
      "negative vol | /expiries/0/options/1/vol | -0.1 | expiries[0].options[1].vol",
      "zero amount | /expiries/0/options/0/amount | 0 | expiries[0].options[0].amount",
      "zero strike | /expiries/0/options/0/strike | 0 | expiries[0].options[0].strike",
      "vol confidence | /expiries/0/options/0/vol_confidence | 1.01 | expiries[0].options[0].vol_confidence",
      "unknown option field | /expiries/0/options/0/smile | 1 | expiries[0].options[0].smile",
      "duplicate strike and type | /expiries/0/options/1/type | \"call\" | expiries[0].options[1]",
      "same expiry twice | /expiries/1/seconds_to_expiry | 2592000 | expiries[1].seconds_to_expiry",
      "borrowed collateral | /collateral/0/amount | -1 | collateral[0].amount",
      "collateral without price | /collateral/0/price | null | collateral[0].price",
      "collateral confidence | /collateral/0/confidence | 3 | collateral[0].confidence",
      "risk cancelling as text | /collateral/0/risk_cancelling | \"yes\" | collateral[0].risk_cancelling",
      "risk cancelling missing | /collateral/0/risk_cancelling | null | collateral[0].risk_cancelling",
      "haircut above 1 | /collateral/0/mm_haircut | 1.2 | collateral[0].mm_haircut",
      "unknown preset | /parameters/preset | \"pm1\" | parameters.preset",
      "unknown parameter | /parameters/mmFactr | 0.8 | parameters.mmFactr",
      "parameter out of range | /parameters/mmFactor | 0.1 | parameters.mmFactor",
      "too many expiries allowed | /parameters/maxExpiries | 31 | parameters.maxExpiries",
      "empty scenario list | /parameters/scenarios | [] | parameters.scenarios",
      "bad vol shock | /parameters/scenarios/0/vol_shock | \"sideways\" | parameters.scenarios[0].vol_shock",
      "negative dampening | /parameters/scenarios/1/dampening | -1 | parameters.scenarios[1].dampening",
      "shocked skew | /parameters/scenarios/2/spot_shock | 1.1 | parameters.scenarios[2].spot_shock",
      "unknown scenario field | /parameters/scenarios/0/weight | 1 | parameters.scenarios[0].weight",
  })
  void shouldNameTheBadField(String what, String pointer, String value, String field) {
    ObjectNode doc = (ObjectNode) Json.parse(FULL);
    int cut = pointer.lastIndexOf('/');
    JsonNode parent = doc.at(pointer.substring(0, cut));
    String key = pointer.substring(cut + 1);
    JsonNode v = Json.parse(value);
    if (v.isNull()) {
      ((ObjectNode) parent).remove(key);
    } else {
      ((ObjectNode) parent).set(key, v);
    }
    assertThatThrownBy(() -> DerivePortfolioJson.read(doc)).as(what)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void shouldNeedAsOfForAnExpiryInstant() {
    ObjectNode doc = (ObjectNode) Json.parse(FULL);
    doc.remove("as_of");
    assertThatThrownBy(() -> DerivePortfolioJson.read(doc))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("expiries[0].expiry"));
  }
}
