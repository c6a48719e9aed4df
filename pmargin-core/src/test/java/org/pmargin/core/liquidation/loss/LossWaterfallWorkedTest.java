package org.pmargin.core.liquidation.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.liquidation.loss.SocialisedLoss.AccountEquity;

/** Hand-computed waterfalls: fund, then ADL of the top-ranked shorts, then socialised loss. */
class LossWaterfallWorkedTest {

  static final MoneyUnit USDC = MoneyUnit.USDC;

  /** Bankrupt long, 10 lots, mark 95,000, bankruptcy 96,000, deficit −1,234.567891 USDC. */
  static BankruptPosition bankruptLong(long lots) {
    return new BankruptPosition("X", "BTC-PERP", Side.LONG, lots, 95_000, 96_000,
        USDC.deficitToMinor("1234.567891"), "snap-7", "MM 800 > equity -1234.567891");
  }

  // A: pnl 5% × leverage 9,500/2,000 = 4.75 → 0.2375; B: 10% × 9,000/9,000 = 0.1; C: loser −4% / 5.2.
  static final AdlCandidate A = new AdlCandidate("A", Side.SHORT, 4, 500, 10_000, 9_500, 2_000_000_000L);
  static final AdlCandidate B = new AdlCandidate("B", Side.SHORT, 10, 1_000, 10_000, 9_000, 9_000_000_000L);
  static final AdlCandidate C = new AdlCandidate("C", Side.SHORT, 10, -200, 5_000, 5_200, 1_000_000_000L);
  static final AdlCandidate D = new AdlCandidate("D", Side.LONG, 50, 9_000, 10_000, 19_000, 500_000_000L);

  static List<AccountEquity> accounts() {
    return List.of(new AccountEquity("A", 2_000_000_000L), new AccountEquity("B", 9_000_000_000L),
        new AccountEquity("C", 1_000_000_000L), new AccountEquity("D", 500_000_000L));
  }

  @Test
  void fundThenAdlOfTopRankedShorts() {
    InsuranceFund fund = new InsuranceFund(USDC, USDC.creditToMinor("1000"));
    LossResolution r = LossWaterfall.resolve(bankruptLong(10), fund, List.of(C, D, B, A), accounts());

    assertThat(r.fundDraw()).isEqualTo(1_000_000_000L);
    assertThat(r.fundAfter().balance()).isZero();
    // 234.567891 left; A closes 4 of 10 lots: floor(234,567,891 × 4 / 10) = 93,827,156; B the other 6: 140,740,735.
    assertThat(r.adl().fills()).extracting(AdlFill::accountId, AdlFill::lots, AdlFill::transfer)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 4L, 93_827_156L),
            org.assertj.core.groups.Tuple.tuple("B", 6L, 140_740_735L));
    assertThat(r.adl().transferred()).isEqualTo(234_567_891L);
    // price = 95,000 + 1,000 × 234.567891 / 1,234.567891
    assertThat(r.adl().fills().get(0).price()).isCloseTo(95_000 + 1_000 * 234.567891 / 1_234.567891, within(1e-9));
    assertThat(r.socialised().socialised()).isZero();
    assertThat(r.uncovered()).isZero();
    assertThat(r.conserves()).isTrue();
    assertThat(r.equityChanges()).containsEntry("X", 1_234_567_891L).containsEntry("A", -93_827_156L)
        .containsEntry("B", -140_740_735L).doesNotContainKeys("C", "D");
    assertThat(r.events()).hasSize(3);
    assertThat(r.events().get(0)).isInstanceOf(LossEvent.FundDraw.class);
    assertThat(r.events().get(1)).isInstanceOfSatisfying(LossEvent.AdlClose.class, e -> {
      assertThat(e.snapshotId()).isEqualTo("snap-7");
      assertThat(e.instrument()).isEqualTo("BTC-PERP");
      assertThat(e.reason()).contains("rank 1").contains("4 lots");
    });
  }

  @Test
  void fundCoversEverythingWhenLargeEnough() {
    InsuranceFund fund = new InsuranceFund(USDC, USDC.creditToMinor("5000"));
    LossResolution r = LossWaterfall.resolve(bankruptLong(10), fund, List.of(A, B), accounts());
    assertThat(r.fundDraw()).isEqualTo(1_234_567_891L);
    assertThat(r.fundAfter().balance()).isEqualTo(5_000_000_000L - 1_234_567_891L);
    assertThat(r.adl().fills()).isEmpty();
    assertThat(r.events()).singleElement().isInstanceOf(LossEvent.FundDraw.class);
    assertThat(r.conserves()).isTrue();
  }

  @Test
  void shortQueueLeavesTheRestToSocialisation() {
    // Only A (4 lots) opposes; the empty fund leaves all 1,234.567891 to ADL: A bears floor(1,234,567,891 × 4/10)
    // = 493,827,156; 740,740,735 is socialised over B (9,000), C (1,000), D (500) and A's remaining 1,506.172844.
    InsuranceFund empty = new InsuranceFund(USDC, 0);
    LossResolution r = LossWaterfall.resolve(bankruptLong(10), empty, List.of(A), accounts());
    assertThat(r.adl().lotsClosed()).isEqualTo(4);
    assertThat(r.adl().transferred()).isEqualTo(493_827_156L);
    assertThat(r.socialised().socialised()).isEqualTo(740_740_735L);
    assertThat(r.socialised().shares().stream().mapToLong(AccountEquity::equity).sum()).isEqualTo(740_740_735L);
    // total positive equity 1,506,172,844 + 9e9 + 1e9 + 5e8 = 12,006,172,844; B bears floor(740,740,735 × 9e9 / that)
    long total = 12_006_172_844L;
    long b = (long) Math.floor(740_740_735.0 * 9_000_000_000.0 / total);
    assertThat(r.socialised().shares()).filteredOn(s -> s.accountId().equals("B")).singleElement()
        .satisfies(s -> assertThat(s.equity()).isBetween(b, b + 1));
    assertThat(r.conserves()).isTrue();
  }

  @Test
  void adlCannotTakeMoreThanAPositiveEquity() {
    // A has only 10 USDC of equity but its 4 lots would bear 93.827156: it bears 10, the rest is socialised.
    AdlCandidate poorA = new AdlCandidate("A", Side.SHORT, 4, 500, 10_000, 9_500, 10_000_000L);
    List<AccountEquity> accounts = List.of(new AccountEquity("A", 10_000_000L),
        new AccountEquity("B", 9_000_000_000L));
    InsuranceFund fund = new InsuranceFund(USDC, 1_000_000_000L);
    LossResolution r = LossWaterfall.resolve(bankruptLong(10), fund, List.of(poorA, B), accounts);
    assertThat(r.adl().fills().get(0).accountId()).isEqualTo("A");
    assertThat(r.adl().fills().get(0).transfer()).isEqualTo(10_000_000L);
    assertThat(r.adl().fills().get(1).transfer()).isEqualTo(140_740_735L);
    assertThat(r.socialised().shares()).containsExactly(new AccountEquity("B", 83_827_156L));
    assertThat(r.conserves()).isTrue();
  }

  @Test
  void lossBeyondAllEquityIsUncoveredBadDebt() {
    List<AccountEquity> accounts = List.of(new AccountEquity("P", 30_000_000L), new AccountEquity("Q", 40_000_000L));
    LossResolution r = LossWaterfall.resolve(bankruptLong(10), new InsuranceFund(USDC, 1_000_000_000L), List.of(),
        accounts);
    assertThat(r.socialised().shares()).containsExactly(new AccountEquity("P", 30_000_000L),
        new AccountEquity("Q", 40_000_000L));
    assertThat(r.uncovered()).isEqualTo(234_567_891L - 70_000_000L);
    assertThat(r.events().get(r.events().size() - 1)).isInstanceOf(LossEvent.Uncovered.class);
    assertThat(r.equityChanges()).containsEntry("X", 1_234_567_891L - r.uncovered());
    assertThat(r.conserves()).isTrue();
  }
}
