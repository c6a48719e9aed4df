package org.pmargin.engine.liquidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.liquidation.LiquidityModel;
import org.pmargin.core.validation.InvalidInputException;

/** The engine's liquidity: documented defaults, a fallback for any underlying, calibration over the defaults. */
class EngineLiquidityTest {

  @Test
  void shouldGiveEveryUnderlyingAVolumeAndVol() {
    EngineLiquidity d = EngineLiquidity.defaults();
    LiquidityModel m = d.model(List.of(Asset.BTC, Asset.ETH, Asset.of("SOL")));
    assertThat(m.dailyVolumeUsd()).containsExactlyInAnyOrderEntriesOf(Map.of(Asset.BTC, 2e10, Asset.ETH, 1e10,
        Asset.of("SOL"), 1e9));
    assertThat(m.dailyVol()).containsExactlyInAnyOrderEntriesOf(Map.of(Asset.BTC, 0.03, Asset.ETH, 0.04,
        Asset.of("SOL"), 0.06));
    assertThat(m.feeRate()).isEqualTo(0.005);
    assertThat(m.optionSpread()).isEqualTo(0.05);
    assertThat(m.impactCoefficient()).isEqualTo(1.0);
  }

  @Test
  void shouldCalibrateOverTheDefaults() {
    EngineLiquidity c = EngineLiquidity.defaults().withCalibration(Map.of(Asset.BTC, 3.4e10), Map.of(Asset.ETH,
        0.034));
    assertThat(c.volumeUsd(Asset.BTC)).isEqualTo(3.4e10);
    assertThat(c.vol(Asset.BTC)).isEqualTo(0.03);
    assertThat(c.volumeUsd(Asset.ETH)).isEqualTo(1e10);
    assertThat(c.vol(Asset.ETH)).isEqualTo(0.034);
    assertThatThrownBy(() -> c.withCalibration(Map.of(Asset.BTC, 0.0), Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("daily_volume_usd.BTC");
  }

  @Test
  void shouldRefuseABadConfiguration() {
    assertThatThrownBy(() -> LiquidationConfig.defaults().withSlice(0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("liquidation_slice");
    assertThatThrownBy(() -> LiquidationConfig.defaults().withMaxStepsPerEvent(0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("liquidation_max_steps");
    assertThat(LiquidationConfig.off().enabled()).isFalse();
    assertThat(LiquidationConfig.defaults().target().toString()).isEqualTo("MM + 10.0%");
  }
}
