package org.pmargin.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.validation.InvalidInputException;

/** Checks positions, portfolios and accounts: validation by field, scaling, underlyings and balances. */
class PortfolioTest {

  private static final Instrument PERP = DeribitSymbols.parse("BTC-PERPETUAL");
  private static final Instrument CALL = DeribitSymbols.parse("BTC-28JUN24-70000-C");
  private static final Instrument ETH_PERP = DeribitSymbols.parse("ETH-PERPETUAL");

  @Test
  void shouldNameEachBadPositionField() {
    assertField(() -> new Position(null, 1, 100), "instrument");
    assertField(() -> new Position(PERP, Double.NaN, 100), "quantity");
    assertField(() -> new Position(PERP, Double.POSITIVE_INFINITY, 100), "quantity");
    assertField(() -> new Position(PERP, 0.0, 100), "quantity");
    assertField(() -> new Position(PERP, 1, -1), "entry_price");
    assertField(() -> new Position(PERP, 1, Double.NaN), "entry_price");
    // a delta-one contract needs a positive entry price (its inverse P&L divides by it); an option may be free
    assertField(() -> new Position(PERP, 1, 0.0), "entry_price");
    assertThat(new Position(CALL, 1, 0.0).entryPrice()).isZero();
  }

  @Test
  void shouldRejectDuplicateSymbolsNamingTheSecond() {
    assertField(() -> new Portfolio(List.of(new Position(PERP, 1, 100), new Position(CALL, 1, 0.1),
        new Position(PERP, -1, 100))), "positions[2].instrument");
    assertField(() -> new Portfolio(null), "positions");
  }

  @Test
  void shouldScaleQuantitiesAndKeepEntries() {
    Portfolio p = new Portfolio(List.of(new Position(PERP, 1_000, 50_000), new Position(CALL, -2.5, 0.03)));
    Portfolio s = p.scaled(-4);
    assertThat(s.positions()).extracting(Position::quantity).containsExactly(-4_000.0, 10.0);
    assertThat(s.positions()).extracting(Position::entryPrice).containsExactly(50_000.0, 0.03);
    assertField(() -> p.scaled(0), "factor");
    assertField(() -> p.scaled(Double.NaN), "factor");
  }

  @Test
  void shouldListUnderlyingsInOrderOfFirstAppearance() {
    Portfolio p = new Portfolio(List.of(new Position(ETH_PERP, 1, 3_000), new Position(PERP, 1, 60_000),
        new Position(CALL, 1, 0.0)));
    assertThat(p.underlyings()).containsExactly(Asset.ETH, Asset.BTC);
    assertThat(Portfolio.empty().positions()).isEmpty();
  }

  @Test
  void shouldCopyTheListItWasGiven() {
    List<Position> list = new ArrayList<>(List.of(new Position(PERP, 1, 100)));
    Portfolio p = new Portfolio(list);
    list.add(new Position(CALL, 1, 0.0));
    assertThat(p.positions()).hasSize(1);
  }

  @Test
  void shouldReadBalancesAndDefaultToZero() {
    Account a = new Account("acc", Portfolio.empty(), Map.of(Asset.USDC, 1_000.0, Asset.BTC, -0.5));
    assertThat(a.balance(Asset.BTC)).isEqualTo(-0.5);
    assertThat(a.balance(Asset.ETH)).isZero();
    assertThat(a.collateral().keySet()).containsExactly(Asset.BTC, Asset.USDC);
  }

  @Test
  void shouldNameEachBadAccountField() {
    assertField(() -> new Account(" ", Portfolio.empty(), Map.of()), "account");
    assertField(() -> new Account("a", null, Map.of()), "positions");
    assertField(() -> new Account("a", Portfolio.empty(), null), "collateral");
    assertField(() -> new Account("a", Portfolio.empty(), Map.of(Asset.BTC, Double.NaN)), "collateral.BTC");
    assertField(() -> new Account("a", Portfolio.empty(), Map.of(Asset.ETH, Double.NEGATIVE_INFINITY)),
        "collateral.ETH");
    Map<Asset, Double> withNull = new HashMap<>();
    withNull.put(Asset.USDC, null);
    assertField(() -> new Account("a", Portfolio.empty(), withNull), "collateral.USDC");
  }

  private static void assertField(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
