package org.pmargin.core.liquidation.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.validation.InvalidInputException;

/** Money rounding directions, the fund, and the ADL ranking formula on hand-computed scores. */
class MoneyAndRankingTest {

  @Test
  void deficitsRoundUpCreditsRoundDown() {
    assertThat(MoneyUnit.USDC.deficitToMinor("1234.5678901")).isEqualTo(1_234_567_891L);
    assertThat(MoneyUnit.USDC.creditToMinor("1234.5678909")).isEqualTo(1_234_567_890L);
    assertThat(MoneyUnit.BTC.deficitToMinor(0.123456781)).isEqualTo(12_345_679L);
    assertThat(MoneyUnit.BTC.creditToMinor(0.123456789)).isEqualTo(12_345_678L);
    assertThat(MoneyUnit.USDC.toDecimal(100_000_001L)).hasToString("100.000001");
    assertThatThrownBy(() -> MoneyUnit.USDC.deficitToMinor(Double.NaN)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> MoneyUnit.USDC.deficitToMinor("1e30")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void fundDrawIsCappedAtTheBalanceAndFeesAreDeposited() {
    InsuranceFund f = new InsuranceFund(MoneyUnit.USDC, 1_000);
    assertThat(f.drawable(1_500)).isEqualTo(1_000);
    assertThat(f.afterDraw(1_500).balance()).isZero();
    assertThat(f.afterDraw(400).balance()).isEqualTo(600);
    assertThat(f.deposit(25).balance()).isEqualTo(1_025);
    assertThatThrownBy(() -> f.deposit(-1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new InsuranceFund(MoneyUnit.USDC, -1)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void scoreIsPnlPercentTimesLeverageForWinnersAndOverLeverageForLosers() {
    // Winner: pnl 500 / cost 10,000 = 5%; leverage 9,500 / 2,000 = 4.75 → 0.2375.
    AdlCandidate w = new AdlCandidate("w", Side.SHORT, 1, 500, 10_000, 9_500, 2_000_000_000L);
    assertThat(AdlRanking.score(w, MoneyUnit.USDC)).isCloseTo(0.2375, within(1e-12));
    // Loser: −200 / 5,000 = −4%; leverage 5,200 / 1,000 = 5.2 → −0.0076923.
    AdlCandidate l = new AdlCandidate("l", Side.SHORT, 1, -200, 5_000, 5_200, 1_000_000_000L);
    assertThat(AdlRanking.score(l, MoneyUnit.USDC)).isCloseTo(-0.04 / 5.2, within(1e-12));
  }

  @Test
  void rankKeepsOnlyTheOppositeSideWithPositiveEquityAndBreaksTiesById() {
    AdlCandidate hi = new AdlCandidate("z-high", Side.SHORT, 1, 1_000, 1_000, 2_000, 100_000_000L); // 1 × 20 = 20
    AdlCandidate tie1 = new AdlCandidate("b", Side.SHORT, 1, 100, 1_000, 1_000, 1_000_000_000L); // 0.1 × 1
    AdlCandidate tie2 = new AdlCandidate("a", Side.SHORT, 7, 100, 1_000, 1_000, 1_000_000_000L); // 0.1 × 1
    AdlCandidate broke = new AdlCandidate("broke", Side.SHORT, 1, 1_000, 1_000, 2_000, 0);
    AdlCandidate sameSide = new AdlCandidate("long", Side.LONG, 1, 1_000, 1_000, 2_000, 100_000_000L);
    List<AdlCandidate> q = AdlRanking.rank(List.of(tie1, broke, sameSide, tie2, hi), Side.LONG, MoneyUnit.USDC);
    assertThat(q).extracting(AdlCandidate::accountId).containsExactly("z-high", "a", "b");
  }
}
