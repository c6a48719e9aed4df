package org.pmargin.core.liquidation.loss;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The loss waterfall for a bankrupt account: insurance fund first, then auto-deleveraging of the ranked opposite
 * positions, then socialised loss over positive equity, each step journaled (METHODOLOGY "Liquidation: losses beyond
 * the account"). It only moves money: the sum of all equities plus the fund is the same before and after.
 */
public final class LossWaterfall {

  private LossWaterfall() {}

  /**
   * Resolves the bankrupt position's deficit.
   *
   * @param bankrupt  the bankrupt position and its deficit
   * @param fund  the settlement asset's insurance fund
   * @param candidates  open positions on the instrument (either side; ranked here)
   * @param accounts  every other account's equity in the settlement asset, for socialisation; an ADL'd account's
   *     equity here should equal its candidate's
   * @return the resolution and its journal
   */
  public static LossResolution resolve(
      BankruptPosition bankrupt, InsuranceFund fund, List<AdlCandidate> candidates,
      List<SocialisedLoss.AccountEquity> accounts) {
    if (bankrupt == null || fund == null || candidates == null || accounts == null) {
      throw new InvalidInputException("resolve", "bankrupt, fund, candidates and accounts must be given");
    }
    MoneyUnit unit = fund.unit();
    String snap = bankrupt.snapshotId();
    List<LossEvent> events = new ArrayList<>();

    long draw = fund.drawable(bankrupt.deficit());
    InsuranceFund after = fund.afterDraw(bankrupt.deficit());
    if (draw > 0) {
      events.add(new LossEvent.FundDraw(snap, bankrupt.accountId(), draw, after.balance(),
          "insurance fund covers " + unit.toDecimal(draw) + " of the " + unit.toDecimal(bankrupt.deficit()) + " "
              + unit.asset() + " deficit (" + bankrupt.marginResult() + ")"));
    }

    long remaining = bankrupt.deficit() - draw;
    List<AdlCandidate> queue = new ArrayList<>();
    for (AdlCandidate c : AdlRanking.rank(candidates, bankrupt.side(), unit)) {
      if (!c.accountId().equals(bankrupt.accountId())) {
        queue.add(c);
      }
    }
    AutoDeleveraging.Result adl = AutoDeleveraging.deleverage(bankrupt, remaining, queue);
    int rank = 1;
    for (AdlFill f : adl.fills()) {
      events.add(new LossEvent.AdlClose(snap, bankrupt.instrument(), f,
          "fund exhausted; ADL rank " + rank++ + " " + bankrupt.side().opposite() + " closed " + f.lots()
              + " lots against bankrupt " + bankrupt.accountId() + " at " + f.price() + " (mark "
              + bankrupt.markPrice() + ")"));
    }

    Map<String, Long> adlTaken = new HashMap<>();
    for (AdlFill f : adl.fills()) {
      adlTaken.merge(f.accountId(), f.transfer(), Long::sum);
    }
    List<SocialisedLoss.AccountEquity> bearers = new ArrayList<>();
    for (SocialisedLoss.AccountEquity a : accounts) {
      if (!a.accountId().equals(bankrupt.accountId())) {
        bearers.add(new SocialisedLoss.AccountEquity(a.accountId(), a.equity() - adlTaken.getOrDefault(a.accountId(), 0L)));
      }
    }
    SocialisedLoss.Result social = SocialisedLoss.split(remaining - adl.transferred(), bearers);
    for (SocialisedLoss.AccountEquity s : social.shares()) {
      events.add(new LossEvent.SocialisedShare(snap, s.accountId(), s.equity(),
          "fund and ADL left " + unit.toDecimal(social.socialised()) + " " + unit.asset()
              + "; socialised pro rata to positive equity"));
    }
    if (social.uncovered() > 0) {
      events.add(new LossEvent.Uncovered(snap, bankrupt.accountId(), social.uncovered(),
          "loss exceeds all positive equity; " + unit.toDecimal(social.uncovered()) + " " + unit.asset()
              + " is bad debt"));
    }
    return new LossResolution(bankrupt, fund, after, draw, adl, social, events);
  }
}
