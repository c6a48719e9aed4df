package org.pmargin.core.margin;

import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;

/**
 * A way of computing the collateral an account needs. Every model (isolated, cross, scenario grid, sensitivity,
 * simulation) answers with the same {@link MarginResult}, so reports, the service and comparisons treat them alike.
 *
 * <p>Implementations must be immutable and thread-safe: one instance serves every account.
 */
public interface MarginModel {

  /** A short name for reports, e.g. {@code isolated}, {@code grid:deribit}. */
  String name();

  /**
   * Computes the initial and maintenance margin of an account, with the attribution that explains it.
   *
   * @param account  the positions and collateral
   * @param market  the market snapshot
   * @return the margin, never containing NaN or infinity
   * @throws org.pmargin.core.validation.InvalidInputException naming the field when the account cannot be
   *     margined (e.g. an option without a vol surface); a position that cannot be priced never counts as zero risk
   */
  MarginResult margin(Account account, MarketSnapshot market);
}
