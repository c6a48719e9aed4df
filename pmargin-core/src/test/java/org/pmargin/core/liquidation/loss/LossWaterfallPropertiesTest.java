package org.pmargin.core.liquidation.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmargin.core.liquidation.loss.SocialisedLoss.AccountEquity;

/** Invariants of the waterfall over seeded random books: exact conservation, no negative equity, determinism. */
class LossWaterfallPropertiesTest {

  static LongStream seeds() {
    return LongStream.range(1, 301);
  }

  /** A random book: a bankrupt position, a fund, opposite and same-side candidates, and other accounts. */
  record Book(BankruptPosition bankrupt, InsuranceFund fund, List<AdlCandidate> candidates,
      List<AccountEquity> accounts) {}

  static Book book(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Side side = rnd.nextBoolean() ? Side.LONG : Side.SHORT;
    long lots = rnd.nextLong(1, 1_000);
    long deficit = rnd.nextInt(10) == 0 ? 0 : rnd.nextLong(1, 2_000_000_000_000L);
    double mark = rnd.nextDouble(100, 100_000);
    double bankruptcy = side == Side.LONG ? mark * (1 + rnd.nextDouble(0.001, 0.2)) : mark * (1 - rnd.nextDouble(0.001, 0.2));
    BankruptPosition b = new BankruptPosition("bankrupt", "BTC-PERP", side, lots, mark, bankruptcy, deficit,
        "snap-" + seed, "seeded");
    InsuranceFund fund = new InsuranceFund(MoneyUnit.USDC, rnd.nextInt(4) == 0 ? 0 : rnd.nextLong(0, 1_000_000_000_000L));
    List<AdlCandidate> candidates = new ArrayList<>();
    List<AccountEquity> accounts = new ArrayList<>();
    int n = rnd.nextInt(0, 25);
    for (int i = 0; i < n; i++) {
      String id = "acc" + i;
      long equity = rnd.nextInt(8) == 0 ? -rnd.nextLong(0, 1_000_000_000L) : rnd.nextLong(0, 500_000_000_000L);
      accounts.add(new AccountEquity(id, equity));
      if (rnd.nextInt(4) != 0) {
        Side s = rnd.nextInt(5) == 0 ? side : side.opposite();
        double cost = rnd.nextDouble(10, 1_000_000);
        double pnl = rnd.nextDouble(-0.5, 2) * cost;
        candidates.add(new AdlCandidate(id, s, rnd.nextLong(1, 500), pnl, cost, cost + pnl > 0 ? cost + pnl : cost,
            equity));
      }
    }
    return new Book(b, fund, candidates, accounts);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void deficitIsExactlyFundPlusAdlPlusSocialisedPlusUncovered(long seed) {
    Book k = book(seed);
    LossResolution r = LossWaterfall.resolve(k.bankrupt(), k.fund(), k.candidates(), k.accounts());
    long sum = r.fundDraw() + r.adl().transferred() + r.socialised().socialised() + r.uncovered();
    assertThat(sum).isEqualTo(k.bankrupt().deficit());
    long fills = r.adl().fills().stream().mapToLong(AdlFill::transfer).sum();
    long shares = r.socialised().shares().stream().mapToLong(AccountEquity::equity).sum();
    assertThat(fills).isEqualTo(r.adl().transferred());
    assertThat(shares).isEqualTo(r.socialised().socialised());
    assertThat(r.conserves()).isTrue();
    // ADL is used only after the fund is exhausted, socialisation only after ADL ran out of lots or equity
    if (r.adl().transferred() > 0) {
      assertThat(r.fundAfter().balance()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void totalEquityPlusFundIsUnchangedAndNoSolventAccountGoesNegative(long seed) {
    Book k = book(seed);
    Map<String, Long> before = new HashMap<>();
    before.put("bankrupt", -k.bankrupt().deficit());
    k.accounts().forEach(a -> before.put(a.accountId(), a.equity()));
    LossResolution r = LossWaterfall.resolve(k.bankrupt(), k.fund(), k.candidates(), k.accounts());
    Map<String, Long> after = new HashMap<>(before);
    r.equityChanges().forEach((id, d) -> after.merge(id, d, Long::sum));

    long totalBefore = before.values().stream().mapToLong(Long::longValue).sum() + k.fund().balance();
    long totalAfter = after.values().stream().mapToLong(Long::longValue).sum() + r.fundAfter().balance();
    assertThat(totalAfter).isEqualTo(totalBefore);
    for (AccountEquity a : k.accounts()) {
      long end = after.get(a.accountId());
      if (a.equity() >= 0) {
        assertThat(end).as(a.accountId()).isBetween(0L, a.equity());
      } else {
        assertThat(end).as("negative accounts are not touched").isEqualTo(a.equity());
      }
    }
    assertThat(after.get("bankrupt")).isEqualTo(-r.uncovered());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void liquidationFeesMoveMoneyIntoTheFundAndVenueFeesLeaveExactly(long seed) {
    // A liquidation fee f from a solvent account: the fund share stays in the system, the venue share leaves it.
    Book k = book(seed);
    SplittableRandom rnd = new SplittableRandom(seed * 31);
    long equity = rnd.nextLong(1, 1_000_000_000L);
    long fee = rnd.nextLong(0, equity);
    long toFund = rnd.nextLong(0, fee + 1);
    long toVenue = fee - toFund;
    long before = equity + k.fund().balance();
    InsuranceFund fed = k.fund().deposit(toFund);
    long after = (equity - fee) + fed.balance();
    assertThat(before - after).isEqualTo(toVenue);
    // and the waterfall on the fed fund still only moves money
    LossResolution r = LossWaterfall.resolve(k.bankrupt(), fed, k.candidates(), k.accounts());
    long moved = r.equityChanges().values().stream().mapToLong(Long::longValue).sum();
    assertThat(moved).isEqualTo(r.fundDraw());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void rankingIsATotalOrderIndependentOfInputOrder(long seed) {
    Book k = book(seed);
    List<AdlCandidate> ranked = AdlRanking.rank(k.candidates(), k.bankrupt().side(), MoneyUnit.USDC);
    List<AdlCandidate> shuffled = new ArrayList<>(k.candidates());
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(AdlRanking.rank(shuffled, k.bankrupt().side(), MoneyUnit.USDC)).isEqualTo(ranked);
    var order = AdlRanking.order(MoneyUnit.USDC);
    for (int i = 1; i < ranked.size(); i++) {
      assertThat(order.compare(ranked.get(i - 1), ranked.get(i))).isNegative();
      assertThat(AdlRanking.score(ranked.get(i - 1), MoneyUnit.USDC))
          .isGreaterThanOrEqualTo(AdlRanking.score(ranked.get(i), MoneyUnit.USDC));
    }
    assertThat(ranked).allSatisfy(c -> {
      assertThat(c.side()).isEqualTo(k.bankrupt().side().opposite());
      assertThat(c.equity()).isPositive();
    });
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void sameInputsGiveTheSameResolution(long seed) {
    Book k = book(seed);
    LossResolution first = LossWaterfall.resolve(k.bankrupt(), k.fund(), k.candidates(), k.accounts());
    Book again = book(seed);
    List<AdlCandidate> shuffled = new ArrayList<>(again.candidates());
    Collections.shuffle(shuffled, new Random(seed + 1));
    List<AccountEquity> accounts = new ArrayList<>(again.accounts());
    Collections.shuffle(accounts, new Random(seed + 2));
    assertThat(LossWaterfall.resolve(again.bankrupt(), again.fund(), shuffled, accounts)).isEqualTo(first);
  }
}
