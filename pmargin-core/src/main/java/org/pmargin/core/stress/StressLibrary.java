package org.pmargin.core.stress;

import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;

/**
 * The hypothetical stresses every account is tested against, beside the crash windows replayed from history.
 * Each names the risk it probes; the sizes are ours, chosen beyond the ±16% grid and the worst daily moves in the
 * data (BTC −46%, ETH −55% log on 2020-03-12).
 */
public final class StressLibrary {

  private StressLibrary() {
  }

  /** The hypothetical scenarios. */
  public static List<StressScenario> hypothetical() {
    return List.of(
        new StressScenario("gap_down_40", "every coin gaps down 40% beyond the grid, vols up 50%", Map.of(),
            Map.of(), Math.log(0.60), Math.log(1.5)),
        new StressScenario("gap_up_60", "every coin gaps up 60% (a short squeeze), vols up 30%", Map.of(), Map.of(),
            Math.log(1.60), Math.log(1.3)),
        new StressScenario("vol_spike", "prices fall 10% while implied vols double", Map.of(), Map.of(),
            Math.log(0.90), Math.log(2.0)),
        new StressScenario("correlation_breakdown_btc_down", "hedges move against each other: BTC −25%, ETH and "
            + "other coins +15%", Map.of(Asset.BTC, Math.log(0.75)), Map.of(), Math.log(1.15), Math.log(1.3)),
        new StressScenario("correlation_breakdown_btc_up", "hedges move against each other: BTC +15%, ETH and "
            + "other coins −25%", Map.of(Asset.BTC, Math.log(1.15)), Map.of(), Math.log(0.75), Math.log(1.3)),
        new StressScenario("usdt_depeg", "USDT falls to 0.90 USD (it traded at 0.95 in May 2022); coins −10%",
            Map.of(Asset.USDT, Math.log(0.90)), Map.of(), Math.log(0.90), Math.log(1.3)),
        new StressScenario("usdc_depeg", "USDC falls to 0.87 USD, its low on 2023-03-11 (SVB); coins +5%",
            Map.of(Asset.USDC, Math.log(0.87)), Map.of(), Math.log(1.05), Math.log(1.2)));
  }
}
