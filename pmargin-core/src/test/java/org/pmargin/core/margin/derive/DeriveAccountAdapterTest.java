package org.pmargin.core.margin.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.time.YearFraction;

/** The adapter from ordinary accounts: what each Derive input is taken from, and the pool it produces. */
class DeriveAccountAdapterTest {

  static final Instant AS_OF = Instant.parse("2024-06-17T10:22:20Z");
  static final Instant SEP27 = Instant.parse("2024-09-27T08:00:00Z");

  static MarketSnapshot market() {
    UnderlyingMarket btc = new UnderlyingMarket(Asset.BTC, new ForwardCurve(AS_OF, 65000, List.of(
        new ForwardCurve.ForwardPoint(SEP27, 65000 * 1.027))), 65030, 0.0001, VolSurface.flat(AS_OF, 0.55));
    UnderlyingMarket eth = new UnderlyingMarket(Asset.ETH, new ForwardCurve(AS_OF, 3500, List.of(
        new ForwardCurve.ForwardPoint(SEP27, 3500 * 1.026))), 3501, 0.0001, VolSurface.flat(AS_OF, 0.65));
    return new MarketSnapshot(AS_OF, 1, 0.03, Map.of(Asset.BTC, btc, Asset.ETH, eth),
        Map.of(Asset.USDC, 0.9995, Asset.USDT, 1.0));
  }

  private static EuropeanOption option(Asset u, OptionType type, double strike) {
    return new EuropeanOption(u + "_USDC-27SEP24-" + (long) strike + (type == OptionType.CALL ? "-C" : "-P"), u,
        Asset.USDC, Settlement.LINEAR, type, strike, SEP27, 1, 0.5);
  }

  private static Account account() {
    Perpetual btcPerp = new Perpetual("BTC_USDC-PERPETUAL", Asset.BTC, Asset.USDC, Settlement.LINEAR, 0.001, 0.5);
    return new Account("derive", new Portfolio(List.of(
        new Position(option(Asset.BTC, OptionType.PUT, 60000), 2, 2000),
        new Position(option(Asset.BTC, OptionType.CALL, 60000), -3, 7000),
        new Position(btcPerp, 1000, 64000),
        new Position(option(Asset.ETH, OptionType.CALL, 4000), -10, 150))),
        Map.of(Asset.USDC, 100000.0, Asset.BTC, 0.5, Asset.ETH, 2.0, Asset.USDT, 5000.0));
  }

  @Test
  void shouldBuildOneSubaccountPerUnderlyingFromTheSnapshot() {
    MarketSnapshot market = market();
    List<DerivePortfolio> subs = DeriveAccountAdapter.subaccounts(account(), market, DeriveParameters.mainnet());
    assertThat(subs).extracting(DerivePortfolio::underlying).containsExactly(Asset.BTC, Asset.ETH);
    DerivePortfolio btc = subs.get(0);
    assertThat(btc.spot()).isEqualTo(65000);
    assertThat(btc.stablePrice()).isEqualTo(0.9995);
    assertThat(btc.cash()).isEqualTo(100000);
    assertThat(btc.perp().amount()).isCloseTo(1.0, within(1e-12));
    assertThat(btc.perp().markPrice()).isEqualTo(65030);
    assertThat(btc.perp().unrealisedPnl()).isCloseTo(1.0 * (65030 - 64000), within(1e-9));
    DerivePortfolio.Expiry e = btc.expiries().get(0);
    assertThat(e.secondsToExpiry()).isEqualTo(java.time.Duration.between(AS_OF, SEP27).getSeconds());
    assertThat(e.forwardVariable()).isCloseTo(market.underlying(Asset.BTC).forwards().forward(SEP27), within(1e-9));
    assertThat(e.forwardFixed()).isZero();
    assertThat(e.rate()).isEqualTo(0.03);
    assertThat(e.options()).extracting(DerivePortfolio.Option::vol).containsOnly(0.55);
    assertThat(e.options()).extracting(DerivePortfolio.Option::amount).containsExactly(2.0, -3.0);
    // BTC is risk-cancelling in the BTC manager; USDT and ETH... ETH goes to its own manager
    assertThat(btc.collaterals()).extracting(DerivePortfolio.Collateral::label).containsExactly("BTC", "USDT");
    assertThat(btc.collaterals().get(0).riskCancelling()).isTrue();
    assertThat(btc.collaterals().get(1).riskCancelling()).isFalse();
    assertThat(btc.collaterals().get(1).mmHaircut()).isEqualTo(0.02);
    DerivePortfolio eth = subs.get(1);
    assertThat(eth.collaterals()).extracting(DerivePortfolio.Collateral::label).containsExactly("ETH");
    assertThat(eth.collaterals().get(0).riskCancelling()).isTrue();
    assertThat(eth.cash()).isZero();
  }

  @Test
  void shouldPoolTheSubaccountsIntoOneUsdcPool() {
    MarketSnapshot market = market();
    DeriveModel model = new DeriveModel();
    MarginResult r = model.margin(account(), market);
    assertThat(r.model()).isEqualTo("derive");
    assertThat(r.view()).isEqualTo(MarginView.UNIFIED_USD);
    assertThat(r.pools()).hasSize(1);
    PoolMargin pool = r.pools().get(0);
    assertThat(pool.currency()).isEqualTo(Asset.USDC);
    assertThat(pool.usdRate()).isEqualTo(0.9995);
    double im = 0;
    double mm = 0;
    double equity = 0;
    for (DerivePortfolio p : DeriveAccountAdapter.subaccounts(account(), market, model.parameters())) {
      DeriveMargin m = model.evaluate(p);
      im += m.initialRequirement();
      mm += m.maintenanceRequirement();
      equity += m.markToMarket() + m.cash();
    }
    assertThat(pool.initialMargin()).isCloseTo(im, within(1e-6));
    assertThat(pool.maintenanceMargin()).isCloseTo(mm, within(1e-6));
    assertThat(pool.equity()).isCloseTo(equity, within(1e-6));
    assertThat(pool.initialMargin()).isGreaterThan(pool.maintenanceMargin()).isPositive();
    assertThat(pool.drivingScenario()).startsWith("BTC: ").contains("; ETH: ");
    assertThat(pool.components()).extracting(c -> c.name())
        .contains("worst_scenario.BTC", "worst_scenario.ETH", "perp_contingency.BTC", "naked_short_contingency.BTC",
            "naked_short_contingency.ETH", "collateral_contingency.BTC", "collateral_contingency.ETH");
    assertThat(pool.contributions()).extracting(c -> c.symbol()).contains("BTC_USDC-PERPETUAL",
        "BTC_USDC-27SEP24-60000-C", "ETH_USDC-27SEP24-4000-C", "BTC", "ETH", "USDT");
    assertThat(r.initialMarginUsd()).isCloseTo(pool.initialMargin() * 0.9995, within(1e-6));
  }

  /*
   * The option is priced as Derive prices it: discounted Black-76 on the curve's forward, the surface's vol, and
   * T = whole seconds / 31,536,000 (python: b76(call, F, K, T, 0.65, exp(-0.03*T)) with F = 3500*1.026).
   */
  @Test
  void shouldPriceTheAccountsOptionsWithDerivesConventions() {
    MarketSnapshot market = market();
    Account a = new Account("a", new Portfolio(List.of(new Position(option(Asset.ETH, OptionType.CALL, 4000), -10,
        150))), Map.of(Asset.USDC, 1000.0));
    DeriveMargin m = new DeriveModel().evaluate(DeriveAccountAdapter.subaccounts(a, market,
        DeriveParameters.mainnet()).get(0));
    long seconds = java.time.Duration.between(AS_OF, SEP27).getSeconds();
    double t = seconds / 31_536_000.0;
    double expected = -10 * org.pmargin.core.pricing.Black76.price(OptionType.CALL, 3500 * 1.026, 4000, t, 0.65, 0.03);
    assertThat(m.optionMtm()).isCloseTo(expected, within(1e-9));
    assertThat(t).isCloseTo(YearFraction.between(AS_OF, SEP27), within(1e-6));
  }

  @Test
  void shouldMarginAnAccountWithOnlyCash() {
    MarginResult r = new DeriveModel().margin(new Account("cash", new Portfolio(List.of()),
        Map.of(Asset.USDC, 500.0)), market());
    assertThat(r.initialMarginUsd()).isZero();
    assertThat(r.pools().get(0).equity()).isEqualTo(500);
  }
}
