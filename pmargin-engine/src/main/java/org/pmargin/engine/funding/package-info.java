/**
 * Perpetual funding in the engine: the {@link org.pmargin.engine.funding.FundingSchedule} of funding times, the
 * {@link org.pmargin.engine.funding.FundingCalculator} that turns an account's perpetual positions and the snapshot
 * in force at a funding time into {@link org.pmargin.engine.funding.FundingPayment}s (the convention is
 * {@link org.pmargin.core.valuation.PerpetualFunding}'s), booked by the engine into the settlement asset's balance.
 */
package org.pmargin.engine.funding;
