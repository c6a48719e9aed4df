package org.pmargin.data.pricecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pmargin.core.validation.InvalidInputException;

/** The rules of the price-case format: defaults, exclusive fields, and errors named by field. */
class PriceCaseJsonTest {

  @Test
  void shouldDefaultToBlack76AtZeroRateInUsd() {
    PriceCase c = PriceCaseJson.parse("{\"type\":\"c\",\"forward\":100,\"strike\":90,\"vol\":0.5,\"expiry_years\":1}");
    assertThat(c.model()).isEqualTo(PriceModel.BLACK_76);
    assertThat(c.rate()).isZero();
    assertThat(c.coinSettled()).isFalse();
    assertThat(c.index()).isEqualTo(1.0);
  }

  @Test
  void shouldDefaultTheCoinIndexToTheForwardAsDeribitMarksDo() {
    PriceCase b76 = PriceCaseJson.parse("{\"type\":\"put\",\"forward\":66000,\"strike\":60000,\"vol\":0.5,"
        + "\"expiry_years\":0.5,\"settlement\":\"coin\"}");
    assertThat(b76.index()).isEqualTo(66000);
    PriceCase bs = PriceCaseJson.parse("{\"model\":\"black-scholes\",\"type\":\"put\",\"spot\":66000,\"strike\":60000,"
        + "\"vol\":0.5,\"expiry_years\":0.5,\"rate\":0.05,\"dividend_yield\":0.01,\"settlement\":\"coin\"}");
    assertThat(bs.index()).isCloseTo(66000 * Math.exp(0.04 * 0.5), within(1e-9));
  }

  @Test
  void shouldPriceBlackScholesAsBlack76OnTheCarriedForward() {
    // Identity: BSM(S, q) = Black-76(F = S·e^((r−q)T)) with the same discounting.
    PriceResult bs = PriceCaseEvaluator.evaluate(PriceCaseJson.parse("{\"model\":\"black-scholes\",\"type\":\"call\","
        + "\"spot\":100,\"strike\":95,\"vol\":0.3,\"expiry_years\":2,\"rate\":0.03,\"dividend_yield\":0.07}"));
    double f = 100 * Math.exp((0.03 - 0.07) * 2);
    PriceResult b76 = PriceCaseEvaluator.evaluate(PriceCaseJson.parse("{\"type\":\"call\",\"forward\":" + f
        + ",\"strike\":95,\"vol\":0.3,\"expiry_years\":2,\"rate\":0.03}"));
    assertThat(bs.greeks().price()).isCloseTo(b76.greeks().price(), within(1e-12));
    // and the deltas relate through dF/dS = F/S
    assertThat(bs.greeks().delta()).isCloseTo(b76.greeks().delta() * f / 100, within(1e-14));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "both vol and price | {\"type\":\"call\",\"forward\":1,\"strike\":1,\"vol\":0.5,\"price\":0.1,\"expiry_years\":1} | vol",
      "neither | {\"type\":\"call\",\"forward\":1,\"strike\":1,\"expiry_years\":1} | vol",
      "spot for black76 | {\"type\":\"call\",\"spot\":1,\"strike\":1,\"vol\":0.5,\"expiry_years\":1} | spot",
      "forward for bs | {\"model\":\"bs\",\"type\":\"call\",\"forward\":1,\"strike\":1,\"vol\":0.5,\"expiry_years\":1} | forward",
      "dividend for black76 | {\"type\":\"call\",\"forward\":1,\"strike\":1,\"vol\":0.5,\"expiry_years\":1,\"dividend_yield\":0.1} | dividend_yield",
      "index without coin | {\"type\":\"call\",\"forward\":1,\"strike\":1,\"vol\":0.5,\"expiry_years\":1,\"index\":2} | index",
      "unknown model | {\"model\":\"heston\",\"type\":\"call\",\"forward\":1,\"strike\":1,\"vol\":0.5,\"expiry_years\":1} | model",
      "unknown type | {\"type\":\"straddle\",\"forward\":1,\"strike\":1,\"vol\":0.5,\"expiry_years\":1} | type",
      "missing type | {\"forward\":1,\"strike\":1,\"vol\":0.5,\"expiry_years\":1} | type",
      "zero strike | {\"type\":\"put\",\"forward\":1,\"strike\":0,\"vol\":0.5,\"expiry_years\":1} | strike",
      "negative expiry | {\"type\":\"put\",\"forward\":1,\"strike\":1,\"vol\":0.5,\"expiry_years\":-1} | expiry_years",
      "zero price | {\"type\":\"put\",\"forward\":1,\"strike\":1,\"price\":0,\"expiry_years\":1} | price",
      "bad settlement | {\"type\":\"put\",\"forward\":1,\"strike\":1,\"vol\":0.5,\"expiry_years\":1,\"settlement\":\"gold\"} | settlement",
      "negative coin index | {\"type\":\"put\",\"forward\":1,\"strike\":1,\"vol\":0.5,\"expiry_years\":1,\"settlement\":\"coin\",\"index\":-3} | index",
  })
  void shouldNameTheField(String what, String json, String field) {
    assertThatThrownBy(() -> PriceCaseJson.parse(json)).as(what)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void shouldRefuseAPriceAboveTheUpperBoundWhenImplyingAVol() {
    PriceCase c = PriceCaseJson.parse("{\"type\":\"call\",\"forward\":100,\"strike\":90,\"price\":100.5,"
        + "\"expiry_years\":1}");
    assertThatThrownBy(() -> PriceCaseEvaluator.evaluate(c)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("price"));
  }
}
