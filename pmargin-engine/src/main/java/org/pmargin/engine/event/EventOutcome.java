package org.pmargin.engine.event;

import java.util.List;
import java.util.Optional;
import org.pmargin.engine.funding.FundingPayment;
import org.pmargin.engine.guard.PriceBandBreach;

/**
 * What applying one event did: whether it was accepted (a rejected event changes nothing), the accounts
 * re-margined, and the health transitions, both in account order, then the liquidation the engine ran after it
 * (see {@link org.pmargin.engine.book.MarginEngine}).
 *
 * @param sequence  the event's sequence number (1 for the first event the engine applied)
 * @param rejection  why the event was rejected, or empty when it was applied
 * @param margins  the accounts re-margined
 * @param transitions  the health changes among them
 * @param funding  the funding payments a market update booked (by funding time, then account, then position), before
 *     the accounts were re-margined; empty for other events and for a rejected update (nothing is booked)
 * @param settlements  the expired positions a market update settled (by account, then position), after the funding
 *     and before the accounts were re-margined; empty for other events and for a rejected update
 * @param priceFlags  the fills booked outside the engine's price band, for review (only in
 *     {@link org.pmargin.engine.guard.PriceBandMode#FLAG} mode; a refused fill is a rejection instead)
 * @param liquidations  the liquidation steps booked after the event (worst margin ratio first, then account order;
 *     an account's steps in order); the accounts' margins in {@code margins} are then the ones after the steps, and
 *     their health changes are appended to {@code transitions}
 * @param bankruptcies  the accounts found bankrupt, or left below maintenance margin with no risk-reducing step
 * @param liquidationFailures  the accounts whose liquidation could not be planned (nothing booked for them)
 * @param losses  the loss accounting after the liquidation, in order: the fees paid into the insurance fund, then for
 *     each bankrupt account its fund draw, ADL fills, socialised shares, uncovered rest and takeover (see
 *     {@link LossEntry})
 */
public record EventOutcome(long sequence, Optional<String> rejection, List<AccountMargin> margins,
    List<HealthTransition> transitions, List<FundingPayment> funding, List<ExpirySettlementBooked> settlements,
    List<PriceBandBreach> priceFlags, List<LiquidationStepBooked> liquidations, List<Bankruptcy> bankruptcies,
    List<LiquidationFailure> liquidationFailures, List<LossEntry> losses) {

  /** An outcome without loss accounting (the shape before the loss waterfall). */
  public EventOutcome(long sequence, Optional<String> rejection, List<AccountMargin> margins,
      List<HealthTransition> transitions, List<FundingPayment> funding, List<ExpirySettlementBooked> settlements,
      List<PriceBandBreach> priceFlags, List<LiquidationStepBooked> liquidations, List<Bankruptcy> bankruptcies,
      List<LiquidationFailure> liquidationFailures) {
    this(sequence, rejection, margins, transitions, funding, settlements, priceFlags, liquidations, bankruptcies,
        liquidationFailures, List.of());
  }

  /** Copies. */
  public EventOutcome {
    margins = margins instanceof ImmutableMargins ? margins : List.copyOf(margins);
    transitions = List.copyOf(transitions);
    funding = List.copyOf(funding);
    settlements = List.copyOf(settlements);
    priceFlags = List.copyOf(priceFlags);
    liquidations = List.copyOf(liquidations);
    bankruptcies = List.copyOf(bankruptcies);
    liquidationFailures = List.copyOf(liquidationFailures);
    losses = List.copyOf(losses);
  }

  /**
   * An outcome with no liquidation.
   *
   * @param sequence  the event's sequence number
   * @param rejection  why it was rejected, or empty
   * @param margins  the accounts re-margined
   * @param transitions  the health changes among them
   * @param funding  the funding payments booked
   * @param settlements  the expiry settlements booked
   * @param priceFlags  the fills booked outside the price band
   */
  public EventOutcome(long sequence, Optional<String> rejection, List<AccountMargin> margins,
      List<HealthTransition> transitions, List<FundingPayment> funding, List<ExpirySettlementBooked> settlements,
      List<PriceBandBreach> priceFlags) {
    this(sequence, rejection, margins, transitions, funding, settlements, priceFlags, List.of(), List.of(),
        List.of());
  }

  /**
   * An outcome with no funding, settlement or price flag.
   *
   * @param sequence  the event's sequence number
   * @param rejection  why it was rejected, or empty
   * @param margins  the accounts re-margined
   * @param transitions  the health changes among them
   */
  public EventOutcome(long sequence, Optional<String> rejection, List<AccountMargin> margins,
      List<HealthTransition> transitions) {
    this(sequence, rejection, margins, transitions, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** The same outcome with these funding payments. */
  public EventOutcome withFunding(List<FundingPayment> payments) {
    return new EventOutcome(sequence, rejection, margins, transitions, payments, settlements, priceFlags,
        liquidations, bankruptcies, liquidationFailures, losses);
  }

  /** The same outcome with these expiry settlements. */
  public EventOutcome withSettlements(List<ExpirySettlementBooked> booked) {
    return new EventOutcome(sequence, rejection, margins, transitions, funding, booked, priceFlags,
        liquidations, bankruptcies, liquidationFailures, losses);
  }

  /** The same outcome with these price flags. */
  public EventOutcome withPriceFlags(List<PriceBandBreach> flags) {
    return new EventOutcome(sequence, rejection, margins, transitions, funding, settlements, flags,
        liquidations, bankruptcies, liquidationFailures, losses);
  }

  /**
   * The same outcome with the liquidation run after the event: the final margins and all transitions, the steps
   * booked, the bankruptcies and the failures.
   */
  public EventOutcome withLiquidation(List<AccountMargin> finalMargins, List<HealthTransition> allTransitions,
      List<LiquidationStepBooked> steps, List<Bankruptcy> bankrupt, List<LiquidationFailure> failures) {
    return new EventOutcome(sequence, rejection, finalMargins, allTransitions, funding, settlements, priceFlags,
        steps, bankrupt, failures, losses);
  }

  /** The same outcome with this loss accounting. */
  public EventOutcome withLosses(List<LossEntry> entries) {
    return new EventOutcome(sequence, rejection, margins, transitions, funding, settlements, priceFlags,
        liquidations, bankruptcies, liquidationFailures, entries);
  }

  /** Whether the event was applied. */
  public boolean accepted() {
    return rejection.isEmpty();
  }
}
