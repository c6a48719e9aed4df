package org.pmargin.engine.liquidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pmargin.core.validation.InvalidInputException;

/** The loss and mechanism settings of {@link LiquidationConfig}: documented defaults, validation naming the field. */
class LiquidationConfigTest {

  @Test
  void shouldDefaultToMarketSlicesTheWaterfallAnEmptyFundAndHyperliquidsTwoThirds() {
    LiquidationConfig c = LiquidationConfig.defaults();
    assertThat(c.mechanism()).isEqualTo(LiquidationMechanism.MARKET);
    assertThat(c.lossWaterfall()).isTrue();
    assertThat(c.initialFundUsd()).isZero();
    assertThat(c.backstopFraction()).isEqualTo(2.0 / 3);
    LiquidationConfig b = c.withMechanism(LiquidationMechanism.MARKET_BACKSTOP).withBackstopFraction(0.5)
        .withInitialFundUsd(1e6).withLossWaterfall(false);
    assertThat(b.mechanism()).isEqualTo(LiquidationMechanism.MARKET_BACKSTOP);
    assertThat(b.backstopFraction()).isEqualTo(0.5);
    assertThat(b.initialFundUsd()).isEqualTo(1e6);
    assertThat(b.lossWaterfall()).isFalse();
    assertThat(b.withSlice(0.5).mechanism()).isEqualTo(LiquidationMechanism.MARKET_BACKSTOP); // with-* keep them
  }

  @Test
  void shouldRejectBadSettingsNamingTheField() {
    LiquidationConfig c = LiquidationConfig.defaults();
    assertThatThrownBy(() -> c.withBackstopFraction(0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("backstop_fraction");
    assertThatThrownBy(() -> c.withBackstopFraction(1.5)).hasMessageContaining("backstop_fraction");
    assertThatThrownBy(() -> c.withInitialFundUsd(-1)).hasMessageContaining("initial_fund_usd");
    assertThatThrownBy(() -> c.withInitialFundUsd(Double.NaN)).hasMessageContaining("initial_fund_usd");
    assertThatThrownBy(() -> LiquidationMechanism.parse("auction")).hasMessageContaining("liquidation_mechanism");
    assertThat(LiquidationMechanism.parse("market+backstop")).isEqualTo(LiquidationMechanism.MARKET_BACKSTOP);
    assertThat(LiquidationMechanism.MARKET_BACKSTOP.label()).isEqualTo("market+backstop");
  }
}
