package org.pmargin.core.margin.derive;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * One Derive PM2 subaccount as its risk manager sees it (PMRM_2's arranged {@code Portfolio}): cash, one perp,
 * options grouped by expiry and collateral, with the feeds' numbers and confidences. Amounts are in the cash asset
 * (USDC) and in coins.
 *
 * <p>Derive's inputs are not a market snapshot: each expiry carries its own forward split into a variable and an
 * already-fixed part (the fixed part is non-zero only inside the 30-minute settlement-averaging window, and the spot
 * shock never moves it), its own discount rate and its own time to expiry in whole seconds (year fraction =
 * seconds / 31,536,000); each option carries its own vol (already at its strike). The index (spot) is used only for
 * contingency notionals. Confidences are the oracle feeds' confidences in [0, 1].
 *
 * @param underlying  the manager's coin (a label; prices are given explicitly)
 * @param spot  the index price, &gt; 0
 * @param spotConfidence  the spot feed's confidence
 * @param stablePrice  the cash asset's (USDC's) USD price, &gt; 0: it converts collateral values and drives the peg
 *     add-on
 * @param cash  the cash balance (negative: borrowed)
 * @param perp  the perp position ({@link Perp#none()} for none)
 * @param expiries  the options by expiry, at most one entry per expiry
 * @param collaterals  the collateral holdings
 */
public record DerivePortfolio(Asset underlying, double spot, double spotConfidence, double stablePrice, double cash,
    Perp perp, List<Expiry> expiries, List<Collateral> collaterals) {

  /** Seconds in Derive's year (365 days, no calendar). */
  public static final double SECONDS_PER_YEAR = 31_536_000.0;

  /** Validates every field and copies the lists; paths name the offending element. */
  public DerivePortfolio {
    Checks.notNull(underlying, "underlying");
    Checks.positive(spot, "spot");
    Checks.inRange(spotConfidence, 0, 1, "spot_confidence");
    Checks.positive(stablePrice, "stable_price");
    Checks.finite(cash, "cash");
    Checks.notNull(perp, "perp");
    Checks.notNull(expiries, "expiries");
    Checks.notNull(collaterals, "collaterals");
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < expiries.size(); i++) {
      Expiry e = Checks.notNull(expiries.get(i), "expiries[" + i + "]");
      if (!seen.add(e.secondsToExpiry())) {
        throw new InvalidInputException("expiries[" + i + "].seconds_to_expiry",
            "duplicate expiry " + e.secondsToExpiry() + " s: merge its options into one expiry");
      }
    }
    for (int i = 0; i < collaterals.size(); i++) {
      Checks.notNull(collaterals.get(i), "collaterals[" + i + "]");
    }
    expiries = List.copyOf(expiries);
    collaterals = List.copyOf(collaterals);
  }

  /** The same subaccount with every position (perp, options, collateral) and the cash multiplied by a factor ≥ 0. */
  public DerivePortfolio scaled(double factor) {
    Checks.nonNegative(factor, "factor");
    Checks.require(factor > 0, "factor", "must be > 0");
    return new DerivePortfolio(underlying, spot, spotConfidence, stablePrice, cash * factor, perp.scaled(factor),
        expiries.stream().map(e -> e.scaled(factor)).toList(),
        collaterals.stream().map(c -> c.scaled(factor)).toList());
  }

  /**
   * The perp position. Its unrealised P&amp;L and funding are part of the MtM and are never shocked; the scenarios
   * move it by amount·(s − 1)·markPrice (the perp's own price, not the index).
   *
   * @param label  a name for reports
   * @param amount  signed coins; zero for none
   * @param markPrice  the perp price, ≥ 0 (&gt; 0 when held)
   * @param confidence  the perp feed's confidence (used only when held)
   * @param unrealisedPnl  unrealised P&amp;L, in cash units
   * @param unrealisedFunding  unsettled funding, in cash units
   */
  public record Perp(String label, double amount, double markPrice, double confidence, double unrealisedPnl,
      double unrealisedFunding) {

    /** Validates the fields. */
    public Perp {
      Checks.notBlank(label, "perp.label");
      Checks.finite(amount, "perp.amount");
      Checks.nonNegative(markPrice, "perp.mark_price");
      if (amount != 0) {
        Checks.positive(markPrice, "perp.mark_price");
      }
      Checks.inRange(confidence, 0, 1, "perp.confidence");
      Checks.finite(unrealisedPnl, "perp.unrealised_pnl");
      Checks.finite(unrealisedFunding, "perp.unrealised_funding");
    }

    /** No perp position. */
    public static Perp none() {
      return new Perp("perp", 0, 0, 1, 0, 0);
    }

    /** True when a position is held. */
    public boolean held() {
      return amount != 0;
    }

    Perp scaled(double f) {
      return new Perp(label, amount * f, markPrice, confidence, unrealisedPnl * f, unrealisedFunding * f);
    }
  }

  /**
   * The options of one expiry with that expiry's feeds.
   *
   * @param secondsToExpiry  whole seconds to expiry, ≥ 0 (0: expired, valued at intrinsic)
   * @param forwardVariable  the part of the forward the spot shock moves, ≥ 0
   * @param forwardFixed  the part already fixed by settlement averaging, ≥ 0 (forwardVariable + forwardFixed &gt; 0)
   * @param rate  the expiry's discount rate (floored at 0 when used)
   * @param forwardConfidence  the forward feed's confidence
   * @param rateConfidence  the rate feed's confidence
   * @param options  the options, at least one, at most one per strike and type
   */
  public record Expiry(long secondsToExpiry, double forwardVariable, double forwardFixed, double rate,
      double forwardConfidence, double rateConfidence, List<Option> options) {

    /** Validates the fields and copies the options. */
    public Expiry {
      Checks.require(secondsToExpiry >= 0, "seconds_to_expiry", "must be >= 0, got " + secondsToExpiry);
      Checks.nonNegative(forwardVariable, "forward_variable");
      Checks.nonNegative(forwardFixed, "forward_fixed");
      Checks.positive(forwardVariable + forwardFixed, "forward");
      Checks.finite(rate, "rate");
      Checks.require(Math.max(rate, 0) * secondsToExpiry / SECONDS_PER_YEAR <= 100, "rate",
          "rate·T must be at most 100 (a discount factor of e^-100), got rate=" + rate);
      Checks.inRange(forwardConfidence, 0, 1, "forward_confidence");
      Checks.inRange(rateConfidence, 0, 1, "rate_confidence");
      Checks.notNull(options, "options");
      Checks.require(!options.isEmpty(), "options", "an expiry needs at least one option");
      Set<String> keys = new HashSet<>();
      for (int i = 0; i < options.size(); i++) {
        Option o = Checks.notNull(options.get(i), "options[" + i + "]");
        if (!keys.add(o.type() + "@" + o.strike())) {
          throw new InvalidInputException("options[" + i + "]", "duplicate " + o.type() + " at strike " + o.strike()
              + ": net it into one holding");
        }
      }
      options = List.copyOf(options);
    }

    /** An expiry outside the settlement window: the whole forward is variable. */
    public static Expiry of(long secondsToExpiry, double forward, double rate, List<Option> options) {
      return new Expiry(secondsToExpiry, forward, 0, rate, 1, 1, options);
    }

    /** The year fraction T = seconds / 31,536,000. */
    public double years() {
      return secondsToExpiry / SECONDS_PER_YEAR;
    }

    /** The unshocked forward, variable plus fixed part. */
    public double forward() {
      return forwardVariable + forwardFixed;
    }

    Expiry scaled(double f) {
      return new Expiry(secondsToExpiry, forwardVariable, forwardFixed, rate, forwardConfidence, rateConfidence,
          options.stream().map(o -> o.scaled(f)).toList());
    }
  }

  /**
   * One option holding.
   *
   * @param label  a name for reports (an instrument symbol)
   * @param strike  K &gt; 0
   * @param type  call or put
   * @param vol  its vol, ≥ 0 (0: intrinsic value)
   * @param amount  signed coins, non-zero
   * @param volConfidence  the vol feed's confidence for it
   */
  public record Option(String label, double strike, OptionType type, double vol, double amount,
      double volConfidence) {

    /** Validates the fields. */
    public Option {
      Checks.notBlank(label, "label");
      Checks.positive(strike, "strike");
      Checks.notNull(type, "type");
      Checks.nonNegative(vol, "vol");
      Checks.finite(amount, "amount");
      Checks.require(amount != 0, "amount", "must not be zero (a flat holding is no holding)");
      Checks.inRange(volConfidence, 0, 1, "vol_confidence");
    }

    /** An option with confidence 1 and a generated label such as {@code C-4000}. */
    public static Option of(double strike, OptionType type, double vol, double amount) {
      return new Option((type == OptionType.CALL ? "C-" : "P-") + DeriveScenario.fmt(strike), strike, type, vol,
          amount, 1);
    }

    Option scaled(double f) {
      return new Option(label, strike, type, vol, amount * f, volConfidence);
    }
  }

  /**
   * A collateral holding. Its value amount·price/stablePrice is part of the MtM; a risk-cancelling one also moves
   * with the spot shock in the scenarios.
   *
   * @param label  its asset's name
   * @param amount  units held, ≥ 0 (Derive collateral cannot be borrowed)
   * @param price  USD price per unit, ≥ 0
   * @param confidence  its price feed's confidence
   * @param riskCancelling  true when it moves with the manager's spot (the manager's own coin)
   * @param mmHaircut  MM contingency per unit of value, in [0, 1]
   * @param imHaircut  IM extra per unit of value, in [0, 1]
   */
  public record Collateral(String label, double amount, double price, double confidence, boolean riskCancelling,
      double mmHaircut, double imHaircut) {

    /** Validates the fields. */
    public Collateral {
      Checks.notBlank(label, "label");
      Checks.nonNegative(amount, "amount");
      Checks.nonNegative(price, "price");
      Checks.inRange(confidence, 0, 1, "confidence");
      Checks.inRange(mmHaircut, 0, 1, "mm_haircut");
      Checks.inRange(imHaircut, 0, 1, "im_haircut");
    }

    Collateral scaled(double f) {
      return new Collateral(label, amount * f, price, confidence, riskCancelling, mmHaircut, imHaircut);
    }
  }
}
