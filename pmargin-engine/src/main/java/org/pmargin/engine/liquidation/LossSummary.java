package org.pmargin.engine.liquidation;

import java.util.List;
import org.pmargin.core.portfolio.Account;

/**
 * The engine's loss accounting so far, for reports: the insurance fund and its flows, the ADL fills, what was
 * socialised or left uncovered, and the backstop's book. Amounts in USD (exact multiples of 1e-6).
 *
 * @param fundUsd  the insurance fund's balance
 * @param feesUsd  the liquidation fees paid into it
 * @param drawnUsd  drawn from it for bankrupt deficits
 * @param adlFills  auto-deleveraging fills (one per counterparty position closed)
 * @param socialisedUsd  socialised over positive equity
 * @param uncoveredUsd  left uncovered (bad debt)
 * @param takeovers  whole accounts the backstop liquidator took over
 * @param backstopValueUsd  the backstop book's value at the current mark
 * @param backstopBooks  the backstop's books, one per takeover (whole accounts and the rests of bankrupt ones)
 */
public record LossSummary(double fundUsd, double feesUsd, double drawnUsd, long adlFills, double socialisedUsd,
    double uncoveredUsd, long takeovers, double backstopValueUsd, List<Account> backstopBooks) {

  /** Copies. */
  public LossSummary {
    backstopBooks = List.copyOf(backstopBooks);
  }

  static LossSummary of(LossResolver r, org.pmargin.core.market.MarketSnapshot market) {
    return new LossSummary(r.fundBalance() / 1e6, r.feesCollected() / 1e6, r.drawn() / 1e6, r.adlFills(),
        r.socialised() / 1e6, r.uncovered() / 1e6, r.takeovers(), r.backstopValueUsd(market), r.backstopBooks());
  }
}
