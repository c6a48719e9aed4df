package org.pmargin.engine.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.HealthState;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.scenario.ScenarioSet;

/** The synthetic population and markets: reproducible, the sizes asked for, collateral sized on the model. */
class SyntheticAccountsTest {

  private static final MarketSnapshot MARKET = SyntheticMarkets.threeCoins();

  @Test
  void shouldGiveTheSameAccountsForTheSameSeed() {
    SyntheticAccounts gen = new SyntheticAccounts(MARKET);
    assertThat(gen.generate(50, 8, 2, null, 3)).isEqualTo(gen.generate(50, 8, 2, null, 3))
        .isNotEqualTo(gen.generate(50, 8, 2, null, 4));
  }

  @Test
  void shouldTradeTheUnderlyingsAndSizesAskedFor() {
    List<Account> accounts = new SyntheticAccounts(MARKET).generate(100, 20, 3, null, 1);
    assertThat(accounts).hasSize(100).allSatisfy(a -> {
      assertThat(a.portfolio().positions()).hasSize(20);
      assertThat(a.portfolio().underlyings()).containsExactlyInAnyOrder(Asset.BTC, Asset.ETH, Asset.of("SOL"));
      assertThat(a.balance(Asset.USDC)).isPositive();
    });
  }

  @Test
  void shouldStartEveryAccountHealthyWhenSizedOnTheModel() {
    ScenarioGridModel model = new ScenarioGridModel(GridParameters.deribitUnified());
    for (Account a : new SyntheticAccounts(MARKET).generate(200, 6, 2, model, 9)) {
      MarginResult r = model.margin(a, MARKET);
      assertThat(r.health().state()).as(a.id()).isEqualTo(HealthState.HEALTHY);
      assertThat(r.health().equityUsd()).as(a.id()).isGreaterThanOrEqualTo(1.1 * r.initialMarginUsd() * 0.999);
    }
  }

  @Test
  void shouldGiveAReproducibleMonteCarloSetWithTheStatedVols() {
    ScenarioSet a = SyntheticMarkets.monteCarlo(20_000, 42);
    assertThat(a.size()).isEqualTo(20_000);
    assertThat(a.logReturn(123, 0)).isEqualTo(SyntheticMarkets.monteCarlo(20_000, 42).logReturn(123, 0));
    double sum = 0;
    double sq = 0;
    for (int s = 0; s < a.size(); s++) {
      sum += a.logReturn(s, 0);
      sq += a.logReturn(s, 0) * a.logReturn(s, 0);
    }
    double sd = Math.sqrt(sq / a.size() - Math.pow(sum / a.size(), 2));
    assertThat(sd).isBetween(0.035 * 0.97, 0.035 * 1.03);
  }
}
