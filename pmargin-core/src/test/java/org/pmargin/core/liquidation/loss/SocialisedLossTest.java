package org.pmargin.core.liquidation.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.liquidation.loss.SocialisedLoss.AccountEquity;
import org.pmargin.core.validation.InvalidInputException;

/** The largest-remainder pro-rata split, with hand-computed residues. */
class SocialisedLossTest {

  @Test
  void equalEquityResidueGoesToTheFirstIds() {
    // 100.000001 USDC over three equal accounts: 33.333333 each, residue 2 units → a and b (ties by id).
    SocialisedLoss.Result r = SocialisedLoss.split(100_000_001L, List.of(new AccountEquity("c", 500_000_000L),
        new AccountEquity("a", 500_000_000L), new AccountEquity("b", 500_000_000L)));
    assertThat(r.shares()).containsExactly(new AccountEquity("a", 33_333_334L), new AccountEquity("b", 33_333_334L),
        new AccountEquity("c", 33_333_333L));
    assertThat(r.socialised()).isEqualTo(100_000_001L);
    assertThat(r.uncovered()).isZero();
  }

  @Test
  void unequalEquityResidueGoesToTheLargestRemainders() {
    // Equities 1,000 : 2,000 : 3,000 USDC. Exact shares 16,666,666.83 / 33,333,333.67 / 50,000,000.5 units; floors
    // sum to 99,999,999; the 2 left go to the remainders .83 (p1) and .67 (p2): 16,666,667 / 33,333,334 / 50,000,000.
    SocialisedLoss.Result r = SocialisedLoss.split(100_000_001L, List.of(new AccountEquity("p1", 1_000_000_000L),
        new AccountEquity("p2", 2_000_000_000L), new AccountEquity("p3", 3_000_000_000L)));
    assertThat(r.shares()).containsExactly(new AccountEquity("p1", 16_666_667L),
        new AccountEquity("p2", 33_333_334L), new AccountEquity("p3", 50_000_000L));
  }

  @Test
  void nonPositiveEquityBearsNothing() {
    SocialisedLoss.Result r = SocialisedLoss.split(7, List.of(new AccountEquity("a", 0),
        new AccountEquity("b", -5), new AccountEquity("c", 10)));
    assertThat(r.shares()).containsExactly(new AccountEquity("c", 7));
  }

  @Test
  void moreThanAllEquityLeavesTheExcessUncovered() {
    SocialisedLoss.Result r = SocialisedLoss.split(10, List.of(new AccountEquity("a", 3), new AccountEquity("b", 4)));
    assertThat(r.shares()).containsExactly(new AccountEquity("a", 3), new AccountEquity("b", 4));
    assertThat(r.uncovered()).isEqualTo(3);
  }

  @Test
  void refusesNegativeLossAndDuplicateAccounts() {
    assertThatThrownBy(() -> SocialisedLoss.split(-1, List.of())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("loss");
    assertThatThrownBy(() -> SocialisedLoss.split(1, List.of(new AccountEquity("a", 1), new AccountEquity("a", 2))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
  }
}
