package org.pmargin.core.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;

/** Account health from pools: states, the worst pool deciding, and per-pool availability. */
class AccountHealthTest {

  private static PoolMargin pool(Asset ccy, double equity, double im, double mm, double rate) {
    return PoolMargin.of(ccy, equity, List.of(new MarginComponent("charge", im, mm, "test")), "", List.of(), rate);
  }

  @Test
  void shouldClassifyEquityAgainstInitialAndMaintenanceMargin() {
    assertThat(AccountHealth.of(List.of(pool(Asset.USD, 100, 80, 60, 1))).state()).isEqualTo(HealthState.HEALTHY);
    assertThat(AccountHealth.of(List.of(pool(Asset.USD, 70, 80, 60, 1))).state())
        .isEqualTo(HealthState.MARGIN_CALL);
    assertThat(AccountHealth.of(List.of(pool(Asset.USD, 50, 80, 60, 1))).state())
        .isEqualTo(HealthState.LIQUIDATABLE);
    assertThat(AccountHealth.of(List.of(pool(Asset.USD, 0, 80, 60, 1))).state())
        .isEqualTo(HealthState.LIQUIDATABLE);
    assertThat(AccountHealth.of(List.of(pool(Asset.USD, -0.01, 80, 60, 1))).state())
        .isEqualTo(HealthState.BANKRUPT);
    // A healthy coin pool does not hide a USDC pool below zero.
    assertThat(AccountHealth.of(List.of(pool(Asset.BTC, 1, 0.1, 0.05, 60000), pool(Asset.USDC, -1, 0, 0, 1)))
        .state()).isEqualTo(HealthState.BANKRUPT);
  }

  @Test
  void shouldLetTheWeakestPoolDecideAndCountSurplusPerPool() {
    // BTC pool: 1 BTC equity, 0.5 BTC IM at 60,000 USD; USDC pool: 10,000 equity, 12,000 IM, 9,000 MM.
    AccountHealth h = AccountHealth.of(List.of(pool(Asset.BTC, 1.0, 0.5, 0.4, 60000),
        pool(Asset.USDC, 10000, 12000, 9000, 1.0)));
    assertThat(h.state()).isEqualTo(HealthState.MARGIN_CALL);
    assertThat(h.equityUsd()).isCloseTo(70000, within(1e-9));
    assertThat(h.initialMarginUsd()).isCloseTo(42000, within(1e-9));
    assertThat(h.maintenanceMarginUsd()).isCloseTo(33000, within(1e-9));
    // The BTC pool's 0.5 BTC surplus (30,000 USD) is available; the USDC pool's deficit does not reduce it.
    assertThat(h.availableUsd()).isCloseTo(30000, within(1e-9));
    assertThat(h.marginRatio()).isCloseTo(33000.0 / 70000, within(1e-12));
  }

  @Test
  void shouldNeverLetACreditMakeAMarginNegative() {
    PoolMargin p = PoolMargin.of(Asset.USD, 10, List.of(new MarginComponent("credit", -5, -4, "offset")), "",
        List.of(), 1);
    assertThat(p.initialMargin()).isZero();
    assertThat(p.maintenanceMargin()).isZero();
    assertThat(AccountHealth.of(List.of(p)).marginRatio()).isZero();
  }

  @Test
  void shouldReportAnInfiniteRatioAsTheLargestDoubleWhenEquityIsGone() {
    AccountHealth h = AccountHealth.of(List.of(pool(Asset.USD, -5, 10, 8, 1)));
    assertThat(h.marginRatio()).isEqualTo(Double.MAX_VALUE);
    assertThat(h.state()).isEqualTo(HealthState.BANKRUPT);
    assertThat(h.availableUsd()).isZero();
  }
}
