package org.pmargin.core.liquidation.auction;

import org.pmargin.core.validation.Checks;

/**
 * Derive's security module as the auction sees it: its cash (the cash balance of its sub-account), the start fees it
 * receives, the payouts it makes to insolvent-auction bidders (at most its cash, the rest socialised), and the
 * withdrawal block of the cash asset.
 *
 * <p>Rules, v2-core: {@code SecurityModule.requestPayout} pays min(requested, cash); the auction socialises the rest
 * ({@code CashAsset.socializeLoss}). The contract's {@code totalInsolventMM} (the sum of −MM cached when each
 * insolvent auction started, released when it terminates) is kept here, next to the cash it is compared with:
 * withdrawals are blocked while totalInsolventMM &gt; 0 and totalInsolventMM &gt; cash ({@code getIsWithdrawBlocked};
 * the contract also needs {@code smAccount} set, which it is on mainnet).
 *
 * <p>Mutable and not thread-safe: one module is shared by the auctions of one venue, driven by one caller.
 */
public final class SecurityModule {

  private double cash;
  private double totalInsolventMaintenanceMargin;
  private double totalSocialised;
  private int insolventAuctions;

  /**
   * Creates a module.
   *
   * @param cash  its cash balance, USD, ≥ 0
   */
  public SecurityModule(double cash) {
    this.cash = Checks.nonNegative(cash, "cash");
  }

  /** The module's cash, USD. */
  public double cash() {
    return cash;
  }

  /** The sum of the MM (as a positive amount) cached by the insolvent auctions still running, USD. */
  public double totalInsolventMaintenanceMargin() {
    return totalInsolventMaintenanceMargin;
  }

  /** All the losses socialised so far, USD. */
  public double totalSocialised() {
    return totalSocialised;
  }

  /** Adds cash (a donation or deposit to the module's account). */
  public void deposit(double amount) {
    cash += Checks.nonNegative(amount, "amount");
  }

  /**
   * Takes cash out of the module's account (e.g. a staker's withdrawal).
   *
   * @throws org.pmargin.core.validation.InvalidInputException when the amount exceeds the cash
   */
  public void withdraw(double amount) {
    Checks.nonNegative(amount, "amount");
    Checks.require(amount <= cash, "amount", "exceeds the module's cash " + cash + ": " + amount);
    cash -= amount;
  }

  /** Receives an auction's start fee ({@code payLiquidationFee} to the module's account). */
  void receiveFee(double fee) {
    cash += fee;
  }

  /**
   * Pays out up to the module's cash ({@code requestPayout}); the rest is socialised.
   *
   * @param amount  the amount asked for, USD, ≥ 0
   * @return what was paid and what was socialised
   */
  public SecurityModulePayout requestPayout(double amount) {
    Checks.nonNegative(amount, "amount");
    double paid = Math.min(cash, amount);
    cash -= paid;
    double socialised = amount - paid;
    totalSocialised += socialised;
    return new SecurityModulePayout(amount, paid, socialised);
  }

  /** True while the cash asset blocks withdrawals: insolvent MM outstanding and more than the module's cash. */
  public boolean isWithdrawBlocked() {
    return totalInsolventMaintenanceMargin > 0 && totalInsolventMaintenanceMargin > cash;
  }

  /** An insolvent auction started with this MM (as a positive amount). */
  void addInsolventMaintenanceMargin(double amount) {
    totalInsolventMaintenanceMargin += amount;
    insolventAuctions++;
  }

  /** An insolvent auction terminated; its cached MM is released. */
  void releaseInsolventMaintenanceMargin(double amount) {
    insolventAuctions--;
    // with no insolvent auction left the sum is exactly 0, as in the contract's integers (no rounding residue)
    totalInsolventMaintenanceMargin =
        insolventAuctions == 0 ? 0 : Math.max(0, totalInsolventMaintenanceMargin - amount);
  }
}
