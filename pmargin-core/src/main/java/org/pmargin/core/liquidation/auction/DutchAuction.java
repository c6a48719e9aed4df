package org.pmargin.core.liquidation.auction;

import java.time.Instant;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * One account's Derive liquidation auction as a state machine: {@link #start}, {@link #bid}, {@link #terminate},
 * {@link #convertToInsolvent}, reproducing the external functions of v2-core {@code src/liquidation/DutchAuction.sol}
 * (same checks in the same order, same errors, see {@link AuctionRefusedException}).
 *
 * <p>The caller drives it: every call takes the account's current MM and MtM (what Derive's manager would return for
 * the auction's scenario, after the previous bids and the start fee) and the time. A refused call changes nothing,
 * like a reverted transaction. Times are whole seconds ({@link Instant#getEpochSecond()}), as block timestamps are.
 * Not modelled: the scenario id and {@code updateScenarioId} (the caller passes the worst MM itself), manager
 * whitelists, bidder ownership, and the bidder's cash balance, which {@link AuctionBid#bidderCashRequired()} reports
 * for the caller to check. One account has one ongoing auction: once terminated, a new one is a new {@link #start}.
 *
 * <p>Mutable and not thread-safe.
 */
public final class DutchAuction {

  private final DutchAuctionParameters parameters;
  private final SecurityModule securityModule;
  private final double startFee;
  private boolean insolvent;
  private boolean ongoing;
  private Instant startTime;
  private double reservedCash;
  private double cachedMaintenanceMargin;

  private DutchAuction(DutchAuctionParameters parameters, SecurityModule securityModule, double startFee) {
    this.parameters = parameters;
    this.securityModule = securityModule;
    this.startFee = startFee;
  }

  /**
   * Starts an auction ({@code startAuction}): refused when MM ≥ 0; solvent when MtM &gt; 0, after the account pays the
   * start fee to the security module ({@link DutchAuctionMath#startFee}; the caller's later MtM and MM should include
   * it); insolvent otherwise, caching −MM in the module's insolvent total.
   *
   * @throws AuctionRefusedException {@code DA_AccountIsAboveMaintenanceMargin}
   */
  public static DutchAuction start(DutchAuctionParameters parameters, SecurityModule securityModule,
      double maintenanceMargin, double markToMarket, Instant now) {
    Checks.notNull(parameters, "parameters");
    Checks.notNull(securityModule, "securityModule");
    Checks.finite(maintenanceMargin, "maintenanceMargin");
    Checks.finite(markToMarket, "markToMarket");
    Checks.notNull(now, "now");
    if (maintenanceMargin >= 0) {
      throw new AuctionRefusedException("DA_AccountIsAboveMaintenanceMargin", "MM " + maintenanceMargin + " >= 0");
    }
    if (markToMarket > 0) {
      double bm = DutchAuctionMath.bufferMargin(maintenanceMargin, markToMarket, parameters.bufferMarginPercentage());
      double fee = DutchAuctionMath.startFee(parameters, markToMarket, bm);
      DutchAuction auction = new DutchAuction(parameters, securityModule, fee);
      if (fee > 0) {
        securityModule.receiveFee(fee);
      }
      auction.begin(false, now, 0);
      return auction;
    }
    DutchAuction auction = new DutchAuction(parameters, securityModule, 0);
    auction.beginInsolvent(maintenanceMargin, now);
    return auction;
  }

  /**
   * The auction's status ({@code getAuctionStatus}). Insolvent, or solvent past the end of the slow phase: it may be
   * terminated when MM ≥ 0. Solvent and running: when MtM &lt; 0 (to restart as insolvent), when reserved cash ≥ MtM
   * (to restart), or when buffer margin ≥ 0.
   *
   * @throws AuctionRefusedException {@code DA_NotOngoingAuction}
   */
  public AuctionStatus status(double maintenanceMargin, double markToMarket, Instant now) {
    double bm = margins(maintenanceMargin, markToMarket);
    if (!ongoing) {
      throw new AuctionRefusedException("DA_NotOngoingAuction", "the auction has terminated");
    }
    long elapsed = elapsedSeconds(now);
    boolean canTerminate;
    if (insolvent || elapsed >= parameters.solventAuctionLengthSeconds()) {
      canTerminate = maintenanceMargin >= 0;
    } else if (markToMarket < 0 || reservedCash >= markToMarket) {
      canTerminate = true;
    } else {
      canTerminate = bm >= 0;
    }
    return new AuctionStatus(canTerminate, markToMarket, maintenanceMargin, bm);
  }

  /**
   * The current price of the whole portfolio ({@code getCurrentBidPrice}): solvent, {@link
   * DutchAuctionMath#solventBidPrice}; insolvent, {@link DutchAuctionMath#insolventBidPrice} (≤ 0).
   *
   * @throws AuctionRefusedException {@code DA_AuctionNotStarted}, {@code DA_ReservedCashGreaterThanMtM}
   */
  public double currentBidPrice(double maintenanceMargin, double markToMarket, Instant now) {
    margins(maintenanceMargin, markToMarket);
    if (!ongoing) {
      throw new AuctionRefusedException("DA_AuctionNotStarted", "no ongoing auction");
    }
    long elapsed = elapsedSeconds(now);
    return insolvent
        ? DutchAuctionMath.insolventBidPrice(parameters, elapsed, maintenanceMargin, markToMarket)
        : DutchAuctionMath.solventBidPrice(parameters, elapsed, markToMarket, reservedCash);
  }

  /**
   * The largest fraction of the current portfolio a bid may take now ({@code getMaxProportion}).
   *
   * @throws AuctionRefusedException {@code DA_SolventAuctionEnded} when MtM &lt; 0
   */
  public double maxProportion(double maintenanceMargin, double markToMarket, Instant now) {
    double bm = margins(maintenanceMargin, markToMarket);
    if (markToMarket < 0) {
      throw new AuctionRefusedException("DA_SolventAuctionEnded", "MtM " + markToMarket + " < 0");
    }
    double d = DutchAuctionMath.priceFraction(parameters, elapsedSeconds(now));
    return DutchAuctionMath.maxProportion(markToMarket, bm, d, reservedCash, parameters.mtmCutoff());
  }

  /** A bid without a price limit: {@link #bid(double, double, double, Instant, double)} with limit 0. */
  public AuctionBid bid(double fraction, double maintenanceMargin, double markToMarket, Instant now) {
    return bid(fraction, maintenanceMargin, markToMarket, now, 0);
  }

  /**
   * A bid for a fraction of the current portfolio ({@code bid}, {@code _bidOnSolventAuction},
   * {@code _bidOnInsolventAuction}).
   *
   * <p>Solvent: refused once the price is 0; the fraction is capped at {@link #maxProportion} (and the auction then
   * terminates); the bidder pays price × fraction, which joins the reserved cash. Insolvent: the bidder is paid
   * −price × fraction, by the security module up to its cash and the rest socialised; the auction terminates when the
   * bid takes 100%.
   *
   * @param fraction  in (0, 1] ({@code DA_InvalidPercentage} otherwise, here an {@link InvalidInputException})
   * @param priceLimit  0 for none; otherwise the most cash the bidder pays (solvent), or, negative, minus the least it
   *     accepts (insolvent)
   * @throws AuctionRefusedException {@code DA_NotOngoingAuction}, {@code DA_AuctionShouldBeTerminated}, {@code
   *     DA_SolventAuctionEnded}, {@code DA_ReservedCashGreaterThanMtM}, {@code DA_PriceLimitExceeded}
   */
  public AuctionBid bid(double fraction, double maintenanceMargin, double markToMarket, Instant now,
      double priceLimit) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new InvalidInputException("fraction", "must be in (0, 1] (DA_InvalidPercentage), got " + fraction);
    }
    Checks.finite(priceLimit, "priceLimit");
    AuctionStatus status = status(maintenanceMargin, markToMarket, now);
    if (status.canTerminate()) {
      throw new AuctionRefusedException("DA_AuctionShouldBeTerminated", "MM " + maintenanceMargin + ", BM "
          + status.bufferMargin() + ", MtM " + markToMarket + ", reserved cash " + reservedCash);
    }
    long elapsed = elapsedSeconds(now);
    return insolvent
        ? bidInsolvent(fraction, maintenanceMargin, markToMarket, elapsed, priceLimit)
        : bidSolvent(fraction, status.bufferMargin(), markToMarket, elapsed, priceLimit);
  }

  private AuctionBid bidSolvent(double fraction, double bufferMargin, double markToMarket, long elapsed,
      double priceLimit) {
    double bidPrice = DutchAuctionMath.solventBidPrice(parameters, elapsed, markToMarket, reservedCash);
    if (!(bidPrice > 0)) {
      throw new AuctionRefusedException("DA_SolventAuctionEnded", "bid price " + bidPrice + " at " + elapsed + " s");
    }
    double d = DutchAuctionMath.priceFraction(parameters, elapsed);
    double maxOfCurrent = DutchAuctionMath.maxProportion(markToMarket, bufferMargin, d, reservedCash,
        parameters.mtmCutoff());
    double taken = fraction;
    boolean terminates = false;
    if (taken >= maxOfCurrent) {
      taken = maxOfCurrent;
      terminates = true;
    }
    double cashFromBidder = bidPrice * taken;
    double required = DutchAuctionMath.solventBidderCashRequired(cashFromBidder, bufferMargin, reservedCash, taken);
    if (priceLimit != 0 && cashFromBidder > priceLimit) {
      throw new AuctionRefusedException("DA_PriceLimitExceeded", "cash " + cashFromBidder + " > limit " + priceLimit);
    }
    reservedCash += cashFromBidder;
    if (terminates) {
      end();
    }
    return new AuctionBid(taken, cashFromBidder, 0, 0, 0, required, terminates);
  }

  private AuctionBid bidInsolvent(double fraction, double maintenanceMargin, double markToMarket, long elapsed,
      double priceLimit) {
    double price = DutchAuctionMath.insolventBidPrice(parameters, elapsed, maintenanceMargin, markToMarket);
    double cashToBidder = -price * fraction;
    cashToBidder = cashToBidder == 0 ? 0 : cashToBidder; // no −0
    double required = DutchAuctionMath.insolventBidderCashRequired(maintenanceMargin, fraction, cashToBidder);
    if (priceLimit != 0 && -cashToBidder > priceLimit) {
      throw new AuctionRefusedException("DA_PriceLimitExceeded", "cash " + -cashToBidder + " > limit " + priceLimit);
    }
    SecurityModulePayout payout = securityModule.requestPayout(cashToBidder);
    boolean terminates = fraction == 1;
    if (terminates) {
      end();
    }
    return new AuctionBid(fraction, 0, cashToBidder, payout.paid(), payout.socialised(), required, terminates);
  }

  /**
   * Ends the auction when {@link #status} allows it ({@code terminateAuction}: anyone may call it, e.g. after the
   * owner adds collateral), releasing an insolvent auction's cached MM.
   *
   * @throws AuctionRefusedException {@code DA_NotOngoingAuction}, {@code DA_AuctionCannotTerminate}
   */
  public void terminate(double maintenanceMargin, double markToMarket, Instant now) {
    if (!status(maintenanceMargin, markToMarket, now).canTerminate()) {
      throw new AuctionRefusedException("DA_AuctionCannotTerminate", "MM " + maintenanceMargin + ", MtM "
          + markToMarket);
    }
    end();
  }

  /**
   * Turns a solvent auction whose price has reached 0 into an insolvent one starting now
   * ({@code convertToInsolventAuction}); the reserved cash is reset to 0 and −MM is cached.
   *
   * @throws AuctionRefusedException {@code DA_AuctionAlreadyInInsolvencyMode}, {@code DA_AuctionNotStarted},
   *     {@code DA_ReservedCashGreaterThanMtM}, {@code DA_OngoingSolventAuction} (price still &gt; 0),
   *     {@code DA_AccountIsAboveMaintenanceMargin}
   */
  public void convertToInsolvent(double maintenanceMargin, double markToMarket, Instant now) {
    margins(maintenanceMargin, markToMarket);
    if (insolvent) {
      throw new AuctionRefusedException("DA_AuctionAlreadyInInsolvencyMode", "the auction is already insolvent");
    }
    if (!ongoing) {
      throw new AuctionRefusedException("DA_AuctionNotStarted", "no ongoing auction");
    }
    double price = DutchAuctionMath.solventBidPrice(parameters, elapsedSeconds(now), markToMarket, reservedCash);
    if (price > 0) {
      throw new AuctionRefusedException("DA_OngoingSolventAuction", "bid price " + price + " > 0");
    }
    if (maintenanceMargin >= 0) {
      throw new AuctionRefusedException("DA_AccountIsAboveMaintenanceMargin", "MM " + maintenanceMargin + " >= 0");
    }
    beginInsolvent(maintenanceMargin, now);
  }

  /** The parameters. */
  public DutchAuctionParameters parameters() {
    return parameters;
  }

  /** True once the auction is insolvent (started so, or converted). */
  public boolean isInsolvent() {
    return insolvent;
  }

  /** True until the auction terminates. */
  public boolean isOngoing() {
    return ongoing;
  }

  /** When the current phase started (the conversion time for a converted auction). */
  public Instant startTime() {
    return startTime;
  }

  /** The cash solvent bidders have paid into the account during this auction, USD. */
  public double reservedCash() {
    return reservedCash;
  }

  /** −MM when the insolvent auction started (0 for a solvent one), USD. */
  public double cachedMaintenanceMargin() {
    return cachedMaintenanceMargin;
  }

  /** The start fee the account paid to the security module (0 for an auction started insolvent), USD. */
  public double startFee() {
    return startFee;
  }

  private void beginInsolvent(double maintenanceMargin, Instant now) {
    begin(true, now, -maintenanceMargin);
    securityModule.addInsolventMaintenanceMargin(cachedMaintenanceMargin);
  }

  private void begin(boolean asInsolvent, Instant now, double cachedMm) {
    insolvent = asInsolvent;
    ongoing = true;
    startTime = now;
    reservedCash = 0;
    cachedMaintenanceMargin = cachedMm;
  }

  private void end() {
    ongoing = false;
    if (insolvent) {
      securityModule.releaseInsolventMaintenanceMargin(cachedMaintenanceMargin);
    }
  }

  private double margins(double maintenanceMargin, double markToMarket) {
    Checks.finite(maintenanceMargin, "maintenanceMargin");
    Checks.finite(markToMarket, "markToMarket");
    return DutchAuctionMath.bufferMargin(maintenanceMargin, markToMarket, parameters.bufferMarginPercentage());
  }

  private long elapsedSeconds(Instant now) {
    Checks.notNull(now, "now");
    long elapsed = now.getEpochSecond() - startTime.getEpochSecond();
    Checks.require(elapsed >= 0, "now", "is before the auction's start " + startTime + ": " + now);
    return elapsed;
  }
}
