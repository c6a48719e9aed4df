package org.pmargin.core.liquidation.auction;

import org.pmargin.core.validation.Checks;

/**
 * The numbers of Derive's Dutch auction: {@code IDutchAuction.AuctionParams} plus the contract's {@code mtmCutoff}
 * (v2-core {@code src/liquidation/DutchAuction.sol}), validated as {@code setAuctionParams} and {@code setMtmCutoff}
 * validate them, with Derive's mainnet values as {@link #deriveMainnet()} and the repository's unit-test values as
 * {@link #deriveUnitTests()}.
 *
 * <p>Fractions are of 1 (the contract's 1e18); lengths are whole seconds (the contract's {@code uint32}).
 *
 * @param name  a label for reports
 * @param startingMtMPercentage  the price fraction at the start of a solvent auction, in [0, 1]
 *     ({@code startingMtMPercentage})
 * @param fastAuctionCutoffPercentage  the price fraction at the end of the fast phase, in [0, starting]
 *     ({@code fastAuctionCutoffPercentage})
 * @param fastAuctionLengthSeconds  the fast phase's length ({@code fastAuctionLength}), ≥ 0
 * @param slowAuctionLengthSeconds  the slow phase's length, in which the fraction falls from the cutoff to 0
 *     ({@code slowAuctionLength}), ≥ 0
 * @param insolventAuctionLengthSeconds  the time over which the insolvent payout grows from −MtM to −MM
 *     ({@code insolventAuctionLength}), ≥ 0
 * @param liquidatorFeeRate  the start fee's rate on the largest fraction's MtM, in [0, 0.1] ({@code liquidatorFeeRate})
 * @param bufferMarginPercentage  b in buffer margin = MM + b·(MM − MtM), in [0, 4] ({@code bufferMarginPercentage})
 * @param mtmCutoff  in USD: a solvent account whose MtM is below it may be bought whole, ≤ 1000 ({@code mtmCutoff};
 *     0 unless the owner sets it, and the deploy script does not)
 */
public record DutchAuctionParameters(String name, double startingMtMPercentage, double fastAuctionCutoffPercentage,
    long fastAuctionLengthSeconds, long slowAuctionLengthSeconds, long insolventAuctionLengthSeconds,
    double liquidatorFeeRate, double bufferMarginPercentage, double mtmCutoff) {

  private static final long UINT32_MAX = 0xFFFF_FFFFL;

  /** Validates every field as the contract's setters do (and refuses NaN and negatives, which a uint cannot hold). */
  public DutchAuctionParameters {
    Checks.notBlank(name, "name");
    Checks.inRange(startingMtMPercentage, 0, 1, "startingMtMPercentage");
    Checks.inRange(fastAuctionCutoffPercentage, 0, startingMtMPercentage, "fastAuctionCutoffPercentage");
    seconds(fastAuctionLengthSeconds, "fastAuctionLengthSeconds");
    seconds(slowAuctionLengthSeconds, "slowAuctionLengthSeconds");
    seconds(insolventAuctionLengthSeconds, "insolventAuctionLengthSeconds");
    Checks.inRange(liquidatorFeeRate, 0, 0.1, "liquidatorFeeRate");
    Checks.inRange(bufferMarginPercentage, 0, 4, "bufferMarginPercentage");
    Checks.finite(mtmCutoff, "mtmCutoff");
    Checks.require(mtmCutoff <= 1000, "mtmCutoff", "must be <= 1000 (setMtmCutoff), got " + mtmCutoff);
  }

  /**
   * Derive's mainnet auction: {@code Config.getDefaultAuctionParam()} in {@code scripts/config-mainnet.sol} (v2-core
   * f46973056213eca1d1e7c32063a242d2b39fa98d), the values {@code scripts/deploy-auction.s.sol} sets; the same values
   * are published in docs.derive.xyz "Common Parameters" (INITIAL_DISCOUNT 0.05 i.e. 0.95 in contracts, FAST_DISCOUNT
   * 0.3 i.e. 0.7, FAST_LIQUIDATION_TIME 15 min, LONG_LIQUIDATION_TIME 12 h, INSOLVENT_DURATION 60 min, LIQ_PERCENT
   * 0.10, BUFFER_SCALE 0.15). mtmCutoff is 0: the deploy script never calls {@code setMtmCutoff}.
   */
  public static DutchAuctionParameters deriveMainnet() {
    return new DutchAuctionParameters("derive-mainnet", 0.95, 0.70, 15 * 60, 12 * 3600, 60 * 60, 0.10, 0.15, 0);
  }

  /**
   * The parameters of v2-core's auction unit tests ({@code _getDefaultAuctionParams()} in
   * {@code test/auction/unit-tests/DutchAuctionBase.sol}): start 100%, cutoff 80%, fast 10 min, slow 2 h, insolvent
   * 10 min, no fee, buffer 0.1. Used to port those tests' numbers.
   */
  public static DutchAuctionParameters deriveUnitTests() {
    return new DutchAuctionParameters("derive-unit-tests", 1.0, 0.8, 10 * 60, 2 * 3600, 10 * 60, 0, 0.1, 0);
  }

  /** Total length of the solvent auction, fast plus slow phase, in seconds. */
  public long solventAuctionLengthSeconds() {
    return fastAuctionLengthSeconds + slowAuctionLengthSeconds;
  }

  /** A copy with another buffer-margin percentage (the unit tests' {@code _setAuctionParamsWithBufferMargin}). */
  public DutchAuctionParameters withBufferMarginPercentage(double b) {
    return new DutchAuctionParameters(name, startingMtMPercentage, fastAuctionCutoffPercentage,
        fastAuctionLengthSeconds, slowAuctionLengthSeconds, insolventAuctionLengthSeconds, liquidatorFeeRate, b,
        mtmCutoff);
  }

  /** A copy with another fast-phase cutoff fraction. */
  public DutchAuctionParameters withFastAuctionCutoffPercentage(double cutoff) {
    return new DutchAuctionParameters(name, startingMtMPercentage, cutoff, fastAuctionLengthSeconds,
        slowAuctionLengthSeconds, insolventAuctionLengthSeconds, liquidatorFeeRate, bufferMarginPercentage, mtmCutoff);
  }

  /** A copy with another liquidator fee rate. */
  public DutchAuctionParameters withLiquidatorFeeRate(double rate) {
    return new DutchAuctionParameters(name, startingMtMPercentage, fastAuctionCutoffPercentage,
        fastAuctionLengthSeconds, slowAuctionLengthSeconds, insolventAuctionLengthSeconds, rate,
        bufferMarginPercentage, mtmCutoff);
  }

  /** A copy with another MtM cutoff. */
  public DutchAuctionParameters withMtmCutoff(double cutoff) {
    return new DutchAuctionParameters(name, startingMtMPercentage, fastAuctionCutoffPercentage,
        fastAuctionLengthSeconds, slowAuctionLengthSeconds, insolventAuctionLengthSeconds, liquidatorFeeRate,
        bufferMarginPercentage, cutoff);
  }

  private static void seconds(long value, String field) {
    Checks.require(value >= 0 && value <= UINT32_MAX, field, "must be 0 to " + UINT32_MAX + " seconds, got " + value);
  }
}
