package org.pmargin.simd;

import org.pmargin.core.validation.InvalidInputException;

/**
 * A batch of Black-76 option revaluations held as a structure of arrays: one {@code double[]} per input, option
 * {@code i} at index {@code i} of every array. This is the input of a {@link Black76Kernel}.
 *
 * <p><b>Why a holder.</b> The kernels run in tight loops (scalar or SIMD) and must not check or allocate per option.
 * Every input is therefore validated once, here, on construction, and the arrays are copied so that nobody can
 * change them after validation. A kernel can then trust every lane: no NaN, no infinity, no zero vol reaches it,
 * and none comes out.
 *
 * <p><b>Inputs</b>, for each option {@code i}:
 * <ul>
 *   <li>{@code forward[i]} F and {@code strike[i]} K in [{@value #MIN_LEVEL}, {@value #MAX_LEVEL}]: every price
 *       level in every currency unit lies far inside, and the bound keeps F/K, K·σ√T and their reciprocals normal
 *       doubles, which the vector kernel relies on (it gets F/K and 1/(σ√T) from one division);</li>
 *   <li>{@code expiry_years[i]} T &gt; 0 and {@code vol[i]} σ &gt; 0, finite, with σ√T in
 *       [{@value #MIN_TOTAL_VOL}, {@value #MAX_TOTAL_VOL}];</li>
 *   <li>{@code discount[i]} D, the discount factor to the payment date: finite and &gt; 0
 *       ({@link #ofRates} computes it as e^(−rT));</li>
 *   <li>{@code sign[i]}: +1 for a call, −1 for a put, nothing else.</li>
 * </ul>
 *
 * <p><b>Expired options and zero vol are rejected</b>, not priced at intrinsic value: a revaluation batch is built
 * from live options, and an option at its expiry (T = 0) or with σ√T below {@value #MIN_TOTAL_VOL} has no Black-76
 * price to speak of. The caller settles such positions at intrinsic value before building the batch, as
 * {@link org.pmargin.core.pricing.Black76} also asks. The error names the field and the index, e.g.
 * {@code vol[17]}, as {@link InvalidInputException} does everywhere in pmargin.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Black76Batch {

  /** The smallest σ√T accepted, the same bound as {@link org.pmargin.core.pricing.Black76}. */
  public static final double MIN_TOTAL_VOL = 1e-12;

  /** The largest σ√T accepted: a total vol of 100 (e.g. 1000 % for 100 years) is already meaningless. */
  public static final double MAX_TOTAL_VOL = 100;

  /** The smallest forward or strike accepted. */
  public static final double MIN_LEVEL = 1e-100;

  /** The largest forward or strike accepted. */
  public static final double MAX_LEVEL = 1e100;

  /** The largest |r·T| accepted by {@link #ofRates}, the same bound as {@link org.pmargin.core.pricing.Black76}. */
  public static final double MAX_RATE_TIMES_EXPIRY = 100;

  private final double[] forward;
  private final double[] strike;
  private final double[] expiry;
  private final double[] vol;
  private final double[] discount;
  private final double[] sign;
  /** True when strike, expiry, discount and sign are one kernel block's constant columns (see {@link #trusted}). */
  private final boolean blockColumns;

  private Black76Batch(double[] forward, double[] strike, double[] expiry, double[] vol, double[] discount,
      double[] sign) {
    this(forward, strike, expiry, vol, discount, sign, false);
  }

  private Black76Batch(double[] forward, double[] strike, double[] expiry, double[] vol, double[] discount,
      double[] sign, boolean blockColumns) {
    this.blockColumns = blockColumns;
    this.forward = forward;
    this.strike = strike;
    this.expiry = expiry;
    this.vol = vol;
    this.discount = discount;
    this.sign = sign;
  }

  /**
   * A batch from discount factors. The arrays are copied; they must all have the same length.
   *
   * @param forward  F per option
   * @param strike  K per option
   * @param expiryYears  T per option, in years
   * @param vol  σ per option, annualised
   * @param discount  D per option
   * @param sign  +1 (call) or −1 (put) per option
   * @return the validated batch
   * @throws InvalidInputException naming the first offending field and index
   */
  public static Black76Batch of(double[] forward, double[] strike, double[] expiryYears, double[] vol,
      double[] discount, double[] sign) {
    int n = lengthOf(forward, "forward");
    sameLength(strike, "strike", n);
    sameLength(expiryYears, "expiry_years", n);
    sameLength(vol, "vol", n);
    sameLength(discount, "discount", n);
    sameLength(sign, "sign", n);
    Black76Batch batch = new Black76Batch(forward.clone(), strike.clone(), expiryYears.clone(), vol.clone(),
        discount.clone(), sign.clone());
    batch.validate();
    return batch;
  }

  /**
   * A batch from continuously compounded rates: D = e^(−rT) per option, computed once here.
   *
   * @param forward  F per option
   * @param strike  K per option
   * @param expiryYears  T per option, in years
   * @param vol  σ per option, annualised
   * @param rate  r per option, finite with |r·T| ≤ {@value #MAX_RATE_TIMES_EXPIRY}
   * @param sign  +1 (call) or −1 (put) per option
   * @return the validated batch
   * @throws InvalidInputException naming the first offending field and index
   */
  public static Black76Batch ofRates(double[] forward, double[] strike, double[] expiryYears, double[] vol,
      double[] rate, double[] sign) {
    int n = lengthOf(forward, "forward");
    sameLength(expiryYears, "expiry_years", n);
    sameLength(rate, "rate", n);
    double[] discount = new double[n];
    for (int i = 0; i < n; i++) {
      double r = rate[i];
      double t = expiryYears[i];
      if (!(Math.abs(r * t) <= MAX_RATE_TIMES_EXPIRY)) {
        throw new InvalidInputException(field("rate", i), "rate·expiry_years must be a finite number within ±"
            + MAX_RATE_TIMES_EXPIRY + ", got rate=" + r + ", expiry_years=" + t);
      }
      discount[i] = Math.exp(-r * t);
    }
    return of(forward, strike, expiryYears, vol, discount, sign);
  }

  /**
   * A batch of one option in many scenarios, over the caller's arrays, neither copied nor validated: for a caller in
   * this package that has checked the bounds itself. Forward and vol have an entry per scenario; strike, expiry,
   * discount and sign are constant and given as {@link VectorBlack76Kernel#BLOCK}-long columns, which the vector
   * kernel reads at the index within its block (so a caller fills 512 entries, not one per scenario). Only {@link
   * VectorBlack76Kernel} may price such a batch; its per-option accessors are not for it.
   */
  static Black76Batch oneOption(double[] forward, double[] vol, double[] strikeColumn, double[] expiryColumn,
      double[] discountColumn, double[] signColumn) {
    return new Black76Batch(forward, strikeColumn, expiryColumn, vol, discountColumn, signColumn, true);
  }

  /** Whether strike, expiry, discount and sign are block columns (a {@link #oneOption} batch). */
  boolean blockColumns() {
    return blockColumns;
  }

  /** The number of options in the batch. */
  public int size() {
    return forward.length;
  }

  /** F of option {@code i}. */
  public double forward(int i) {
    return forward[i];
  }

  /** K of option {@code i}. */
  public double strike(int i) {
    return strike[i];
  }

  /** T of option {@code i}, in years. */
  public double expiryYears(int i) {
    return expiry[i];
  }

  /** σ of option {@code i}. */
  public double vol(int i) {
    return vol[i];
  }

  /** D of option {@code i}. */
  public double discount(int i) {
    return discount[i];
  }

  /** +1 if option {@code i} is a call, −1 if a put. */
  public double sign(int i) {
    return sign[i];
  }

  // Kernels in this package read the arrays directly; they never write them.
  double[] forwards() {
    return forward;
  }

  double[] strikes() {
    return strike;
  }

  double[] expiries() {
    return expiry;
  }

  double[] vols() {
    return vol;
  }

  double[] discounts() {
    return discount;
  }

  double[] signs() {
    return sign;
  }

  /**
   * Checks that every output array can take the batch's results.
   *
   * @param out  an output array
   * @param name  its name, for the error
   */
  void checkOutput(double[] out, String name) {
    if (out == null) {
      throw new InvalidInputException(name, "is required");
    }
    if (out.length < forward.length) {
      throw new InvalidInputException(name, "must have room for the batch's " + forward.length
          + " options, got length " + out.length);
    }
  }

  @Override
  public String toString() {
    return "Black76Batch[size=" + size() + "]";
  }

  //-------------------------------------------------------------------------
  private void validate() {
    for (int i = 0; i < forward.length; i++) {
      level(forward[i], "forward", i);
      level(strike[i], "strike", i);
      positive(expiry[i], "expiry_years", i);
      positive(vol[i], "vol", i);
      positive(discount[i], "discount", i);
      double s = sign[i];
      if (!(s == 1.0 || s == -1.0)) {
        throw new InvalidInputException(field("sign", i), "must be +1 (call) or -1 (put), got " + s);
      }
      double totalVol = vol[i] * Math.sqrt(expiry[i]);
      if (!(totalVol >= MIN_TOTAL_VOL && totalVol <= MAX_TOTAL_VOL)) {
        throw new InvalidInputException(field("vol", i), "vol·sqrt(expiry_years) must be in [" + MIN_TOTAL_VOL
            + ", " + MAX_TOTAL_VOL + "], got vol=" + vol[i] + ", expiry_years=" + expiry[i]
            + " (settle expired or zero-vol options at intrinsic value before building the batch)");
      }
    }
  }

  private static void level(double value, String name, int i) {
    if (!(value >= MIN_LEVEL && value <= MAX_LEVEL)) {
      throw new InvalidInputException(field(name, i), "must be a finite number in [" + MIN_LEVEL + ", " + MAX_LEVEL
          + "], got " + value);
    }
  }

  private static void positive(double value, String name, int i) {
    if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
      throw new InvalidInputException(field(name, i), "must be a finite number > 0, got " + value);
    }
  }

  private static int lengthOf(double[] array, String name) {
    if (array == null) {
      throw new InvalidInputException(name, "is required");
    }
    return array.length;
  }

  private static void sameLength(double[] array, String name, int n) {
    if (lengthOf(array, name) != n) {
      throw new InvalidInputException(name, "must have one entry per option (" + n + ", the length of forward), got "
          + array.length);
    }
  }

  private static String field(String name, int i) {
    return name + "[" + i + "]";
  }
}
