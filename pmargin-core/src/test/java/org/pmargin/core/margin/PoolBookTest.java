package org.pmargin.core.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;

/** Splitting accounts into pools and their equity. */
class PoolBookTest {

  private static final Instant T = Instant.parse("2024-06-17T10:00:00Z");
  private static final MarketSnapshot MARKET = new MarketSnapshot(T, 1, 0, Map.of(Asset.BTC,
      new UnderlyingMarket(Asset.BTC, ForwardCurve.flat(T, 50000), 50000, 0, VolSurface.flat(T, 0.5))),
      Map.of(Asset.USDC, 0.999));

  private static final Account ACCOUNT = new Account("a", new Portfolio(List.of(
      new Position(DeribitSymbols.parse("BTC-PERPETUAL"), 1000, 40000),
      new Position(DeribitSymbols.parse("BTC_USDC-PERPETUAL"), 2000, 45000))),
      Map.of(Asset.BTC, 2.0, Asset.USDC, 30000.0));

  @Test
  void shouldPoolBySettlementCurrency() {
    List<PoolBook> books = PoolBook.split(ACCOUNT, MarginView.PER_SETTLEMENT_CURRENCY);
    assertThat(books).extracting(PoolBook::currency).containsExactly(Asset.BTC, Asset.USDC);
    // BTC pool: 2 BTC + the inverse perpetual's P&L 10,000·(1/40,000 − 1/50,000) = 0.05 BTC.
    assertThat(books.get(0).equity(MARKET, HaircutSchedule.standard())).isCloseTo(2.05, within(1e-12));
    // USDC pool: 30,000 + 2 BTC·(50,000 − 45,000) = 40,000 USDC (P&L at par); worth 0.999 USD each.
    assertThat(books.get(1).equity(MARKET, HaircutSchedule.standard())).isCloseTo(40000, within(1e-9));
    assertThat(books.get(1).usdRate(MARKET)).isEqualTo(0.999);
  }

  @Test
  void shouldHaircutBalancesInTheUnifiedPool() {
    PoolBook unified = PoolBook.split(ACCOUNT, MarginView.UNIFIED_USD).get(0);
    // 2 BTC at 50,000 less 5% = 95,000; 30,000 USDC at 0.999 = 29,970; the perps' P&L in USD: 0.05 BTC at 50,000
    // = 2,500 and 10,000.
    assertThat(unified.equity(MARKET, HaircutSchedule.standard())).isCloseTo(95000 + 29970 + 2500 + 10000,
        within(1e-6));
  }

  @Test
  void shouldCountADebtAtFullValue() {
    Account debtor = new Account("d", Portfolio.empty(), Map.of(Asset.BTC, -1.0));
    assertThat(PoolBook.split(debtor, MarginView.UNIFIED_USD).get(0).equity(MARKET, HaircutSchedule.standard()))
        .isEqualTo(-50000);
  }

  @Test
  void shouldNameCollateralWithoutAPrice() {
    Account doge = new Account("d", Portfolio.empty(), Map.of(Asset.of("DOGE"), 10.0));
    assertThatThrownBy(() -> PoolBook.split(doge, MarginView.UNIFIED_USD).get(0)
        .equity(MARKET, HaircutSchedule.standard())).isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("collateral.DOGE"));
  }

  @Test
  void shouldHaircutCoinsBoughtSpotLikeTheSameCoinsDeposited() {
    // Adversarial: holding the coin as a spot position instead of a balance must not escape its haircut.
    Account deposited = new Account("d", Portfolio.empty(), Map.of(Asset.BTC, 3.0, Asset.USDC, 1000.0));
    Account bought = new Account("b", new Portfolio(List.of(new Position(DeribitSymbols.parse("BTC_USDC"), 3.0,
        41000))), Map.of(Asset.USDC, 1000.0));
    Account split = new Account("s", new Portfolio(List.of(new Position(DeribitSymbols.parse("BTC_USDC"), 1.0,
        41000))), Map.of(Asset.BTC, 2.0, Asset.USDC, 1000.0));
    double expected = equity(deposited, HaircutSchedule.standard());
    assertThat(expected).isCloseTo(3 * 50000 * 0.95 + 999, within(1e-6));
    assertThat(equity(bought, HaircutSchedule.standard())).isCloseTo(expected, within(1e-9));
    assertThat(equity(split, HaircutSchedule.standard())).isCloseTo(expected, within(1e-9));
  }

  @Test
  void shouldPutSpotAndBalanceInOneValueTier() {
    // Splitting a large holding between a balance and a spot position must not put each half in a cheaper tier.
    Account whole = new Account("w", Portfolio.empty(), Map.of(Asset.BTC, 400.0));
    Account halves = new Account("h", new Portfolio(List.of(new Position(DeribitSymbols.parse("BTC_USDC"), 200.0,
        50000))), Map.of(Asset.BTC, 200.0));
    assertThat(equity(halves, HaircutSchedule.standard())).isCloseTo(equity(whole, HaircutSchedule.standard()),
        within(1e-6));
  }

  private static double equity(Account a, HaircutSchedule h) {
    PoolBook unified = PoolBook.split(a, MarginView.UNIFIED_USD).get(0);
    double viaCache = unified.equity(MARKET, h, org.pmargin.core.margin.VectorCache.NONE);
    double[] values = new double[unified.positions().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = unified.valueOf(org.pmargin.core.valuation.PositionValuer.value(unified.positions().get(i),
          MARKET));
    }
    assertThat(unified.equity(MARKET, h, values)).isEqualTo(viaCache);
    return viaCache;
  }
}
