package org.pmargin.engine.event;

/**
 * An account the engine could not liquidate because its liquidation could not be planned or margined (say a
 * position the liquidity model cannot cost). The event that made it a candidate still commits and the account is
 * left as that event left it; the engine does not retry it until a deposit, withdrawal or fill changes it, so the
 * failure is reported once, for an operator.
 *
 * @param sequence  the event after which the liquidation was tried
 * @param accountId  the account
 * @param reason  the planner's or model's message
 */
public record LiquidationFailure(long sequence, String accountId, String reason) {
}
