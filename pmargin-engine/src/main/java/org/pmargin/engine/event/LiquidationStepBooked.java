package org.pmargin.engine.event;

import java.util.List;

/**
 * One liquidation step the engine booked, as journaled: what was closed, at which marks, at what cost, why, and the
 * margin before and after. The steps of an account are numbered from 1 over one liquidation (the count goes on
 * across events while the account stays below its target, and restarts once it is back above maintenance margin).
 *
 * @param sequence  the event after which the step was booked
 * @param accountId  the account
 * @param step  the step's number in the account's liquidation, from 1
 * @param kind  what the step closed: {@code position}, {@code underlying}, {@code book} or {@code delta_hedge}; {@code
 *     auction} for a Derive Dutch-auction sale of a fraction of everything the account holds
 * @param description  e.g. "20% of BTC-PERPETUAL"
 * @param parts  the trades, one per position touched
 * @param costUsd  the step's total cost, USD ≥ 0, paid out of the account's balances
 * @param equityBeforeUsd  the account's equity before the step, USD
 * @param equityAfterUsd  after the step (before minus the cost, at the same marks), USD
 * @param maintenanceBeforeUsd  the maintenance margin before the step, USD
 * @param maintenanceAfterUsd  after the step, USD (always less than before)
 * @param snapshotVersion  the version of the market snapshot the step was priced and margined on
 * @param reason  why the step was taken, e.g. "equity 24,326.12 USD < MM 25,184.40 USD"
 */
public record LiquidationStepBooked(long sequence, String accountId, int step, String kind, String description,
    List<LiquidatedPart> parts, double costUsd, double equityBeforeUsd, double equityAfterUsd,
    double maintenanceBeforeUsd, double maintenanceAfterUsd, long snapshotVersion, String reason) {

  /** Copies. */
  public LiquidationStepBooked {
    parts = List.copyOf(parts);
  }

  /** The notional traded by the step, USD. */
  public double notionalUsd() {
    double n = 0;
    for (LiquidatedPart p : parts) {
      n += p.notionalUsd();
    }
    return n;
  }
}
