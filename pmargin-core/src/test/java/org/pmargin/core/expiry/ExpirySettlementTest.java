package org.pmargin.core.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.market.DeliveryPrice;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Expiry settlement against hand-computed amounts, BTC delivered at 66,000 on 14 June 2024.
 */
class ExpirySettlementTest {

  private static Position position(String symbol, double quantity, double entry) {
    return new Position(DeribitSymbols.parse(symbol), quantity, entry);
  }

  @Test
  void shouldSettleACoinSettledCallAtOneEleventhOfABitcoinPerContract() {
    // (66,000 − 60,000) / 66,000 = 1/11 BTC per contract of 1 BTC; 10 contracts: 10/11 BTC = 60,000 USD
    SettledPosition s = ExpirySettlement.settle(position("BTC-14JUN24-60000-C", 10, 0.05),
        new DeliveryPrice(Asset.BTC, ExpiryFixtures.EXPIRY, 66_000, "test"), ExpiryFixtures.settledAt66000());
    assertThat(s.amount()).isCloseTo(10.0 / 11, within(1e-15));
    assertThat(s.currency()).isEqualTo(Asset.BTC);
    assertThat(s.amountUsd()).isCloseTo(60_000, within(1e-9));
  }

  /**
   * Deribit's own worked examples (deribit.com options documentation and its support pages on inverse and linear USDC
   * options): a 10,000 call at a 12,500 delivery price settles for 2,500/12,500 = 0.2 BTC (a short pays it); a 300 put
   * at 200 for 100/200 = 0.5 BTC; a SOL USDC call with multiplier 10, strike 250, delivered at 275: 25 × 10 = 250 USDC.
   */
  @Test
  void shouldReproduceDeribitsPublishedExamples() {
    java.time.Instant expiry = ExpiryFixtures.EXPIRY;
    org.pmargin.core.instrument.EuropeanOption call = new org.pmargin.core.instrument.EuropeanOption("BTC-C-10000",
        Asset.BTC, Asset.USD, org.pmargin.core.instrument.Settlement.INVERSE,
        org.pmargin.core.instrument.OptionType.CALL, 10_000, expiry, 1, 0.0001);
    assertThat(ExpirySettlement.amount(new Position(call, 1, 0.05), 12_500)).isCloseTo(0.2, within(1e-15));
    assertThat(ExpirySettlement.amount(new Position(call, -1, 0.05), 12_500)).isCloseTo(-0.2, within(1e-15));
    assertThat(ExpirySettlement.amount(new Position(call, 1, 0.05), 9_999)).isZero();
    org.pmargin.core.instrument.EuropeanOption put = new org.pmargin.core.instrument.EuropeanOption("BTC-P-300",
        Asset.BTC, Asset.USD, org.pmargin.core.instrument.Settlement.INVERSE,
        org.pmargin.core.instrument.OptionType.PUT, 300, expiry, 1, 0.0001);
    assertThat(ExpirySettlement.amount(new Position(put, 1, 0.01), 200)).isCloseTo(0.5, within(1e-15));
    org.pmargin.core.instrument.EuropeanOption sol = new org.pmargin.core.instrument.EuropeanOption(
        "SOL_USDC-C-250", Asset.of("SOL"), Asset.USDC, org.pmargin.core.instrument.Settlement.LINEAR,
        org.pmargin.core.instrument.OptionType.CALL, 250, expiry, 10, 0.01);
    assertThat(ExpirySettlement.amount(new Position(sol, 1, 10), 275)).isCloseTo(250, within(1e-12));
  }

  @Test
  void shouldSettleEveryKindIntoItsSettlementCurrencyAndRemoveIt() {
    Account account = new Account("book", new Portfolio(List.of(
        position("BTC-PERPETUAL", 1_000, 64_000),
        position("BTC-14JUN24-60000-C", 10, 0.05),          // + 10 × 6,000/66,000 = 0.909090... BTC
        position("BTC_USDC-14JUN24-70000-P", 50, 120),     // + 50 × 0.01 × 4,000 = 2,000 USDC
        position("BTC-14JUN24-64000-C", -3, 0.04),          // − 3 × 2,000/66,000 = −0.090909... BTC
        position("BTC-14JUN24-60000-P", 4, 0.01),           // out of the money: 0 BTC
        position("BTC-14JUN24", 1_000, 62_500),             // 10,000 USD × (1/62,500 − 1/66,000) = 0.0084848... BTC
        position("BTC_USDC-14JUN24", 2_000, 65_000),        // 2 BTC × (66,000 − 65,000) = 2,000 USDC
        position("BTC-28JUN24-70000-C", 1, 0.02))),          // live
        Map.of(Asset.BTC, 1.0, Asset.USDC, 1_000.0));
    SettledAccount r = ExpirySettlement.settle(account, ExpiryFixtures.settledAt66000());

    assertThat(r.settlements()).extracting(s -> s.position().instrument().symbol()).containsExactly(
        "BTC-14JUN24-60000-C", "BTC_USDC-14JUN24-70000-P", "BTC-14JUN24-64000-C", "BTC-14JUN24-60000-P",
        "BTC-14JUN24", "BTC_USDC-14JUN24");
    double[] expected = {10.0 / 11, 2_000.0, -3.0 / 33, 0.0, 0.16 - 10_000.0 / 66_000, 2_000.0};
    for (int i = 0; i < expected.length; i++) {
      assertThat(r.settlements().get(i).amount()).as("settlement %d", i).isCloseTo(expected[i], within(1e-9));
    }
    assertThat(r.settlements().get(1).currency()).isEqualTo(Asset.USDC);
    assertThat(r.settlements().get(2).amountUsd()).isCloseTo(-6_000, within(1e-9));
    assertThat(r.account().portfolio().positions()).extracting(p -> p.instrument().symbol())
        .containsExactly("BTC-PERPETUAL", "BTC-28JUN24-70000-C");
    double btc = 1.0 + 10.0 / 11 - 3.0 / 33 + 0.16 - 10_000.0 / 66_000;
    assertThat(r.account().balance(Asset.BTC)).isCloseTo(btc, within(1e-12));
    assertThat(r.account().balance(Asset.USDC)).isCloseTo(5_000, within(1e-9));
  }

  @Test
  void shouldLeaveALiveAccountAsItIs() {
    Account live = new Account("live", new Portfolio(List.of(position("BTC-28JUN24-70000-C", 1, 0.02))),
        Map.of(Asset.BTC, 1.0));
    SettledAccount r = ExpirySettlement.settle(live, ExpiryFixtures.market(List.of()));
    assertThat(r.account()).isSameAs(live);
    assertThat(r.settlements()).isEmpty();
  }

  @Test
  void shouldRefuseAnExpiredPositionWithoutADeliveryPriceNamingIt() {
    Account account = new Account("book", new Portfolio(List.of(position("BTC-PERPETUAL", 10, 64_000),
        position("BTC-14JUN24-60000-C", 10, 0.05))), Map.of());
    assertThatThrownBy(() -> ExpirySettlement.settle(account, ExpiryFixtures.market(List.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("positions[1].instrument")
        .hasMessageContaining("BTC-14JUN24-60000-C")
        .hasMessageContaining("delivery_prices");
    // ETH's price does not settle BTC
    MarketSnapshot eth = ExpiryFixtures.market(List.of(new DeliveryPrice(Asset.ETH, ExpiryFixtures.EXPIRY, 3_500,
        "test")));
    assertThatThrownBy(() -> ExpirySettlement.settle(account, eth)).hasMessageContaining("positions[1]");
  }

  @Test
  void shouldRefuseBadDeliveryPrices() {
    assertThatThrownBy(() -> new DeliveryPrice(Asset.BTC, ExpiryFixtures.EXPIRY, Double.NaN, "x"))
        .hasMessageContaining("price");
    assertThatThrownBy(() -> new DeliveryPrice(Asset.BTC, ExpiryFixtures.EXPIRY, 0, "x"))
        .hasMessageContaining("price");
    DeliveryPrice p = new DeliveryPrice(Asset.BTC, ExpiryFixtures.EXPIRY, 66_000, "x");
    assertThatThrownBy(() -> ExpiryFixtures.market(List.of(p, p)))
        .hasMessageContaining("delivery_prices[1]").hasMessageContaining("duplicate");
    assertThatThrownBy(() -> ExpiryFixtures.market(List.of(new DeliveryPrice(Asset.BTC,
        ExpiryFixtures.AS_OF.plusSeconds(1), 66_000, "x")))).hasMessageContaining("delivery_prices[0].expiry");
  }
}
