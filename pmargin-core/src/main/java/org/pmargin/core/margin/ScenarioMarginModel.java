package org.pmargin.core.margin;

import java.util.List;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.validation.InvalidInputException;

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

  /**
   * Margins many accounts, figures only ({@code explain = false}): {@code results[i]} is what
   * {@code margin(accounts.get(i), market, cache, false)} gives, bit for bit, or {@code errors[i]} what it throws.
   * A model may order the work to share the cache better (the simulation model blocks its accumulation).
   *
   * @param accounts  the accounts
   * @param market  the snapshot the cache's vectors were computed for
   * @param cache  the vectors
   * @param results  receives each account's margin, or null where it failed
   * @param errors  receives each account's error, or null where it worked
   */
  default void marginAll(List<Account> accounts, MarketSnapshot market, VectorCache cache, MarginResult[] results,
      InvalidInputException[] errors) {
    for (int i = 0; i < accounts.size(); i++) {
      try {
        results[i] = margin(accounts.get(i), market, cache, false);
      } catch (InvalidInputException e) {
        errors[i] = e;
      }
    }
  }
}
