package org.pmargin.core.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The funding convention against the venues' published formulas. No venue page found gives a worked example with
 * numbers, so each case applies the published formula by hand to round numbers and checks the code agrees.
 */
class PerpetualFundingTest {

  private static final Perpetual BTCUSDT = new Perpetual("BTCUSDT", Asset.BTC, Asset.USDT, Settlement.LINEAR, 1,
      0.1);
  private static final Perpetual BTC_INVERSE = (Perpetual) DeribitSymbols.parse("BTC-PERPETUAL");

  /**
   * Binance USDⓈ-M (FAQ "Introduction to Binance Futures Funding Rates", restated at
   * docs.traderwagon.com/faq/futures-trading-introduction/funding-fee): "Funding Amount = Nominal Value of Positions ×
   * Funding Rate", paid at 00:00, 08:00 and 16:00 UTC, longs pay a positive rate. Long 2 BTC at mark 50,000 USDT,
   * rate 0.01%: nominal 100,000 USDT, funding 10 USDT paid.
   */
  @Test
  void shouldChargeALongTheNominalValueTimesTheRateAsBinancePublishes() {
    assertThat(PerpetualFunding.positionValue(BTCUSDT, 2, 50_000)).isEqualTo(100_000);
    assertThat(PerpetualFunding.credited(BTCUSDT, 2, 50_000, 0.0001, 8)).isCloseTo(-10, within(1e-12));
  }

  /**
   * Bybit (help center, "Funding Fee Calculation"): when the rate is positive longs pay shorts, when negative shorts
   * pay longs; Funding fee = position value × funding rate. Short 2 BTC at 50,000 and 0.01% receives 10 USDT; at
   * −0.01% the long receives 10 and the short pays 10.
   */
  @Test
  void shouldPayShortsAtAPositiveRateAndLongsAtANegativeOne() {
    assertThat(PerpetualFunding.credited(BTCUSDT, -2, 50_000, 0.0001, 8)).isCloseTo(10, within(1e-12));
    assertThat(PerpetualFunding.credited(BTCUSDT, 2, 50_000, -0.0001, 8)).isCloseTo(10, within(1e-12));
    assertThat(PerpetualFunding.credited(BTCUSDT, -2, 50_000, -0.0001, 8)).isCloseTo(-10, within(1e-12));
  }

  /**
   * Inverse contracts (Bitget academy "Funding cost calculation", web3.bitget.com/en/academy/funding-cost-calculation:
   * "Reverse contract position value = face value × number of contracts / latest marked price"; funding cost = rate ×
   * position value). Long 1,000 Deribit BTC-PERPETUAL (10 USD each) at mark 50,000: 10,000 / 50,000 = 0.2 BTC; at
   * 0.01% it pays 0.00002 BTC, in coin.
   */
  @Test
  void shouldChargeAnInversePositionInCoinOnFaceValueOverTheMark() {
    assertThat(PerpetualFunding.positionValue(BTC_INVERSE, 1_000, 50_000)).isCloseTo(0.2, within(1e-15));
    assertThat(PerpetualFunding.credited(BTC_INVERSE, 1_000, 50_000, 0.0001, 8)).isCloseTo(-0.00002,
        within(1e-15));
    assertThat(BTC_INVERSE.settlementAsset()).isEqualTo(Asset.BTC);
  }

  /**
   * Deribit (support.deribit.com "Funding specifications"): "Time Fraction = Funding Rate Time Period / 8 hours",
   * "Funding Payment = Funding Rate × Position Size × Time Fraction". One hour of a 0.01%/8h rate on 0.2 BTC:
   * 0.0001 × 0.2 × 1/8 = 0.0000025 BTC; eight hourly payments make one 8-hour payment.
   */
  @Test
  void shouldScaleThePaymentByTheFundingPeriodOverEightHours() {
    double hourly = PerpetualFunding.credited(BTC_INVERSE, 1_000, 50_000, 0.0001, 1);
    assertThat(hourly).isCloseTo(-0.0000025, within(1e-16));
    assertThat(8 * hourly).isCloseTo(PerpetualFunding.credited(BTC_INVERSE, 1_000, 50_000, 0.0001, 8),
        within(1e-18));
    assertThat(PerpetualFunding.credited(BTC_INVERSE, 1_000, 50_000, 0.0001, 0)).isZero();
  }

  @Test
  void shouldRejectBadInputsNamingTheField() {
    assertThatThrownBy(() -> PerpetualFunding.credited(BTCUSDT, 1, 0, 0.0001, 8))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("mark");
    assertThatThrownBy(() -> PerpetualFunding.credited(BTCUSDT, 1, 50_000, Double.NaN, 8))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("funding_rate_8h");
    assertThatThrownBy(() -> PerpetualFunding.credited(BTCUSDT, 1, 50_000, 0.0001, -1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("hours");
    assertThatThrownBy(() -> PerpetualFunding.credited(BTCUSDT, Double.POSITIVE_INFINITY, 50_000, 0.0001, 8))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("quantity");
  }
}
