package org.pmargin.engine.liquidation;

import java.util.List;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.engine.event.AccountMargin;

/**
 * The engine's accounts as its liquidation sees them: by index (the order they were opened), in core types, with the
 * engine's margining. The engine implements it over its own account states, so the liquidation package needs no
 * access to how the engine stores them.
 *
 * <p>Called under the engine's write lock only.
 */
public interface LiquidationBook {

  /** How many accounts the engine holds. */
  int size();

  /** The id of the account at an index. */
  String id(int i);

  /** The account at an index, as the margin models take it (positions with entries, balances). */
  Account account(int i);

  /** The account's last committed health. */
  AccountHealth health(int i);

  /** The signed quantity the account holds in an instrument (by symbol), 0 when none; cheap (no copy). */
  double quantity(int i, String symbol);

  /** The account's last committed margin, as the outcome reports it. */
  AccountMargin view(int i);

  /** The current snapshot. */
  MarketSnapshot snapshot();

  /** The current model. */
  MarginModel model();

  /**
   * The engine's vector cache of the current model and snapshot, which the planner shares (its scenario vectors and
   * per-instrument stress vectors are then computed once per snapshot, not once per account).
   */
  org.pmargin.core.margin.VectorCache vectorCache();

  /**
   * Margins an account on the current snapshot with the current model (and the engine's vector cache).
   *
   * @throws org.pmargin.core.validation.InvalidInputException when it cannot be margined
   */
  AccountHealth margin(Account account);

  /**
   * Margins many accounts (in parallel when the engine is configured so) on the current snapshot.
   *
   * @param accounts  the accounts
   * @return their health, in order
   * @throws org.pmargin.core.validation.InvalidInputException when one cannot be margined (the first, in order)
   */
  List<AccountHealth> marginAll(List<Account> accounts);

  /**
   * Replaces the positions and balances of the account at an index by the given ones, with its new health, margined
   * on the current snapshot.
   *
   * @return the account's new margin view
   */
  AccountMargin commit(int i, Account account, AccountHealth health);
}
