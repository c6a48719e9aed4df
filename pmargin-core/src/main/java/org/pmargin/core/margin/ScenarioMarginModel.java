package org.pmargin.core.margin;

import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;

/**
 * A margin model that revalues exposures in scenarios (the grid, simulation), building each position's scenario P&L
 * as a weight times a per-unit vector that can be shared by every account margined against the same snapshot
 * ({@link ExposureKey}, {@link VectorCache}). The real-time engine margins thousands of accounts per price tick this
 * way, computing each instrument's vectors once, and asks for the figures without explanations.
 *
 * <p>For any cache holding vectors of {@code market}, {@code margin(account, market, cache, true)} equals {@link
 * #margin(Account, MarketSnapshot)} bit for bit, and {@code explain = false} gives the same margins, equity and
 * health with no components, contributions or driving-scenario text.
 */
public interface ScenarioMarginModel extends MarginModel {

  /**
   * Computes the margin with shared per-unit vectors.
   *
   * @param account  the positions and collateral
   * @param market  the snapshot the cache's vectors were computed for
   * @param cache  the vectors
   * @param explain  whether to build the breakdown (components, contributions, texts) or only the figures
   * @return the margin
   */
  MarginResult margin(Account account, MarketSnapshot market, VectorCache cache, boolean explain);
}
