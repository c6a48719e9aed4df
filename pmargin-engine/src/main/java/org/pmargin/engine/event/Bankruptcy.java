package org.pmargin.engine.event;

/**
 * An account the engine's liquidation could not bring back above maintenance margin: its equity is below zero, or
 * no risk-reducing step is left. The engine stops liquidating it ("parks" it until a deposit, withdrawal or fill
 * changes it) and adds its deficit to its running bad-debt total: the seam where a loss waterfall (insurance fund,
 * auto-deleveraging, socialised loss) takes over.
 *
 * @param sequence  the event after which it was found
 * @param accountId  the account
 * @param equityUsd  its equity then, USD
 * @param maintenanceMarginUsd  its maintenance margin then, USD
 * @param deficitUsd  what it owes beyond its assets, USD: −equity when equity is below zero, else 0
 * @param snapshotVersion  the version of the market snapshot
 * @param reason  why, e.g. "equity -1,234.50 USD < 0 after 3 steps"
 */
public record Bankruptcy(long sequence, String accountId, double equityUsd, double maintenanceMarginUsd,
    double deficitUsd, long snapshotVersion, String reason) {
}
