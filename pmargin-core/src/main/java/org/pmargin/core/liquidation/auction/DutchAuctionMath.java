package org.pmargin.core.liquidation.auction;

import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The pure formulas of Derive's Dutch auction, one per internal function of v2-core
 * {@code src/liquidation/DutchAuction.sol}, in the contract's order of operations, clamps and edge cases. Amounts are
 * USD (Derive's cash is USDC), fractions are of 1, times are whole seconds since the auction started.
 *
 * <p>MM and MtM are what Derive's manager returns ({@code getMarginAndMarkToMarket}): MM is a signed surplus (negative
 * = below maintenance margin), MtM the account's whole value including its cash.
 */
public final class DutchAuctionMath {

  private DutchAuctionMath() {
  }

  /**
   * The price fraction d(t) of a solvent auction ({@code _getDiscountPercentage}): from {@code startingMtMPercentage}
   * down linearly to {@code fastAuctionCutoffPercentage} over the fast phase, then from the cutoff down linearly to 0
   * over the slow phase, and 0 from the end of the slow phase on.
   *
   * @param p  the parameters
   * @param elapsedSeconds  seconds since the auction started, ≥ 0
   * @return d in [0, startingMtMPercentage]
   */
  public static double priceFraction(DutchAuctionParameters p, long elapsedSeconds) {
    elapsed(elapsedSeconds);
    if (elapsedSeconds < p.fastAuctionLengthSeconds()) {
      double totalChangeInFast = p.startingMtMPercentage() - p.fastAuctionCutoffPercentage();
      return p.startingMtMPercentage() - totalChangeInFast * elapsedSeconds / p.fastAuctionLengthSeconds();
    }
    if (elapsedSeconds >= p.solventAuctionLengthSeconds()) {
      return 0;
    }
    long inSlow = elapsedSeconds - p.fastAuctionLengthSeconds();
    return p.fastAuctionCutoffPercentage()
        - p.fastAuctionCutoffPercentage() * inSlow / p.slowAuctionLengthSeconds();
  }

  /**
   * Buffer margin ({@code _getBufferMargin}): BM = MM + b·(MM − MtM), the more conservative level a liquidation
   * brings the account back to (b = 0: back to MM).
   */
  public static double bufferMargin(double maintenanceMargin, double markToMarket, double bufferMarginPercentage) {
    Checks.finite(maintenanceMargin, "maintenanceMargin");
    Checks.finite(markToMarket, "markToMarket");
    Checks.inRange(bufferMarginPercentage, 0, 4, "bufferMarginPercentage");
    return maintenanceMargin + (maintenanceMargin - markToMarket) * bufferMarginPercentage;
  }

  /**
   * The largest fraction of the current portfolio a bidder may buy ({@code _getMaxProportion}): 1 when MtM is below
   * the MtM cutoff; otherwise, with BM capped at 0, f = BM / (BM − MtM·d − R·(1 − d)), the fraction after which the
   * rest of the account (the unsold part, the reserved cash R and the bid's cash) is exactly at buffer margin.
   *
   * @param markToMarket  MtM, USD
   * @param bufferMargin  BM, USD (positive BM is treated as 0, giving 0)
   * @param priceFraction  d in [0, 1]
   * @param reservedCash  R ≥ 0: cash already paid in by earlier bidders of this auction
   * @param mtmCutoff  the parameters' MtM cutoff
   * @return f in [0, 1] for a solvent account (MtM ≥ R ≥ 0)
   * @throws InvalidInputException where the contract would revert: 0/0 (BM = 0 and nothing to buy) or a negative
   *     ratio ({@code toUint256}), which needs MtM·d + R·(1 − d) &lt; BM, i.e. a negative MtM
   */
  public static double maxProportion(double markToMarket, double bufferMargin, double priceFraction,
      double reservedCash, double mtmCutoff) {
    Checks.finite(markToMarket, "markToMarket");
    Checks.finite(bufferMargin, "bufferMargin");
    Checks.inRange(priceFraction, 0, 1, "priceFraction");
    Checks.nonNegative(reservedCash, "reservedCash");
    Checks.finite(mtmCutoff, "mtmCutoff");
    if (markToMarket < mtmCutoff) {
      return 1;
    }
    double bm = Math.min(bufferMargin, 0);
    double denominator = bm - markToMarket * priceFraction - reservedCash * (1 - priceFraction);
    if (denominator == 0) {
      throw new InvalidInputException("bufferMargin", "BM, MtM·d and R·(1 − d) are all 0: the contract divides 0 by 0");
    }
    double f = bm / denominator;
    if (f < 0) {
      throw new InvalidInputException("markToMarket", "gives a negative largest fraction " + f
          + " (the contract reverts): MtM = " + markToMarket + ", BM = " + bufferMargin);
    }
    return f == 0 ? 0 : f; // no −0
  }

  /**
   * The start fee of a solvent auction ({@code _getLiquidationFee}), paid by the account to the security module:
   * the largest fraction at price fraction 1 and no reserved cash, times |MtM|, times the fee rate.
   */
  public static double startFee(DutchAuctionParameters p, double markToMarket, double bufferMargin) {
    double f = maxProportion(markToMarket, bufferMargin, 1, 0, p.mtmCutoff());
    return f * Math.abs(markToMarket) * p.liquidatorFeeRate();
  }

  /**
   * The price of the whole current portfolio in a solvent auction ({@code _getSolventAuctionBidPrice}): 0 from the end
   * of the slow phase on; otherwise (MtM − R)·d(t).
   *
   * @throws AuctionRefusedException {@code DA_ReservedCashGreaterThanMtM} when R &gt; MtM before the end (the
   *     contract checks the end first)
   */
  public static double solventBidPrice(DutchAuctionParameters p, long elapsedSeconds, double markToMarket,
      double reservedCash) {
    elapsed(elapsedSeconds);
    Checks.finite(markToMarket, "markToMarket");
    Checks.nonNegative(reservedCash, "reservedCash");
    if (elapsedSeconds >= p.solventAuctionLengthSeconds()) {
      return 0;
    }
    if (reservedCash > markToMarket) {
      throw new AuctionRefusedException("DA_ReservedCashGreaterThanMtM",
          "reserved cash " + reservedCash + " > MtM " + markToMarket);
    }
    return (markToMarket - reservedCash) * priceFraction(p, elapsedSeconds);
  }

  /**
   * The (negative or zero) price of the whole portfolio in an insolvent auction ({@code _getInsolventAuctionBidPrice}):
   * 0 when MM ≥ 0; otherwise, with MtM capped at 0, growing linearly from MtM to MM over the insolvent length,
   * (MM − MtM)·t / L + MtM, and MM from then on. The bidder is paid −price × fraction.
   */
  public static double insolventBidPrice(DutchAuctionParameters p, long elapsedSeconds, double maintenanceMargin,
      double markToMarket) {
    elapsed(elapsedSeconds);
    Checks.finite(maintenanceMargin, "maintenanceMargin");
    Checks.finite(markToMarket, "markToMarket");
    if (maintenanceMargin >= 0) {
      return 0;
    }
    double mtm = Math.min(markToMarket, 0);
    if (elapsedSeconds >= p.insolventAuctionLengthSeconds()) {
      return maintenanceMargin;
    }
    double price = (maintenanceMargin - mtm) * elapsedSeconds / p.insolventAuctionLengthSeconds() + mtm;
    return price == 0 ? 0 : price; // no −0
  }

  /**
   * The cash a solvent bidder must hold ({@code _ensureBidderCashBalance} in {@code _bidOnSolventAuction}): the bid
   * plus |BM − R| × fraction, so that the bidder's account can carry the buffer margin it takes on.
   */
  public static double solventBidderCashRequired(double cashFromBidder, double bufferMargin, double reservedCash,
      double fraction) {
    return cashFromBidder + Math.abs(bufferMargin - reservedCash) * fraction;
  }

  /**
   * The cash an insolvent bidder must hold ({@code _ensureBidderCashBalance} in {@code _bidOnInsolventAuction}):
   * |MM| × fraction − cashToBidder.
   *
   * @throws AuctionRefusedException {@code Panic(0x11)} when that is negative (the contract's uint subtraction
   *     underflows and reverts), which needs MtM below MM
   */
  public static double insolventBidderCashRequired(double maintenanceMargin, double fraction, double cashToBidder) {
    double required = Math.abs(maintenanceMargin) * fraction - cashToBidder;
    if (required < 0) {
      throw new AuctionRefusedException("Panic(0x11)", "|MM|·fraction " + Math.abs(
          maintenanceMargin) * fraction + " < cash to bidder " + cashToBidder + " (a uint underflow in the contract)");
    }
    return required;
  }

  private static void elapsed(long elapsedSeconds) {
    Checks.require(elapsedSeconds >= 0, "elapsedSeconds", "must be >= 0, got " + elapsedSeconds);
  }
}
