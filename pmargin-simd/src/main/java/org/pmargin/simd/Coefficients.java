package org.pmargin.simd;

/**
 * The constants of the functions the {@link VectorBlack76Kernel} evaluates lane by lane: e^x (range reduction by
 * ln 2 and a Taylor polynomial), ln x (fdlibm's {@code e_log.c} reduction and minimax polynomial) and the normal
 * distribution N(x) (W. J. Cody's rational Chebyshev approximations, "Rational Chebyshev approximations for the error
 * function", Math. Comp. 23, 1969; netlib SPECFUN {@code ANORM}, the same coefficients as
 * {@link org.pmargin.core.pricing.Normal}).
 *
 * <p>They are compile-time constants: javac copies them into the kernel, so reading them costs nothing.
 */
final class Coefficients {

  // --- e^x ----------------------------------------------------------------------------------------------------
  /** log2(e). */
  static final double LOG2E = 1.4426950408889634074;
  /** 1.5·2^52: adding it rounds a double of magnitude below 2^51 to an integer held in the low mantissa bits. */
  static final double SHIFTER = 0x1.8p52;
  /** The bit pattern of {@link #SHIFTER}. */
  static final long SHIFTER_BITS = 0x4338_0000_0000_0000L;
  /** ln 2, high part (fdlibm): trailing zero bits make n·LN2_HI exact for |n| &lt; 2^11. */
  static final double LN2_HI = 6.93147180369123816490e-01;
  /** ln 2 − LN2_HI. */
  static final double LN2_LO = 1.90821492927058770002e-10;
  /** The exponent bias of a double. */
  static final long BIAS = 1023;
  /** The number of explicit mantissa bits of a double. */
  static final int MANTISSA_BITS = 52;
  // 1/k!, k = 2..13: the Taylor polynomial of e^r on |r| <= ln(2)/2 has truncation error below 4e-18 relative.
  static final double E2 = 1.0 / 2;
  static final double E3 = 1.0 / 6;
  static final double E4 = 1.0 / 24;
  static final double E5 = 1.0 / 120;
  static final double E6 = 1.0 / 720;
  static final double E7 = 1.0 / 5040;
  static final double E8 = 1.0 / 40320;
  static final double E9 = 1.0 / 362880;
  static final double E10 = 1.0 / 3628800;
  static final double E11 = 1.0 / 39916800;
  static final double E12 = 1.0 / 479001600;
  static final double E13 = 1.0 / 6227020800.0;

  // --- ln x -----------------------------------------------------------------------------------------------------
  // fdlibm e_log.c: ln(1+f) = f − f²/2 + s·(f²/2 + R(s²)), s = f/(2+f), R's error below 2^-58.45.
  static final double LG1 = 6.666666666666735130e-01;
  static final double LG2 = 3.999999999940941908e-01;
  static final double LG3 = 2.857142874366239149e-01;
  static final double LG4 = 2.222219843214978396e-01;
  static final double LG5 = 1.818357216161805012e-01;
  static final double LG6 = 1.531383769920937332e-01;
  static final double LG7 = 1.479819860511658591e-01;
  /** √2: mantissas above it are halved so that f = m − 1 lies in [√2/2 − 1, √2 − 1]. */
  static final double SQRT2 = 1.4142135623730950488;
  /** The mantissa bits of a double. */
  static final long MANTISSA_MASK = 0x000f_ffff_ffff_ffffL;
  /** The bit pattern of 1.0: OR-ed with a mantissa it gives a double in [1, 2). */
  static final long ONE_BITS = 0x3ff0_0000_0000_0000L;
  /** 2^52: OR-ing a small integer into its mantissa and subtracting it converts the integer to a double. */
  static final double TWO52 = 0x1.0p52;
  /** The bit pattern of {@link #TWO52}. */
  static final long TWO52_BITS = 0x4330_0000_0000_0000L;

  // --- N(x) -----------------------------------------------------------------------------------------------------
  /** 1/√(2π). */
  static final double INV_SQRT_2PI = 0.398942280401432677939946059934;
  /** |x| up to which Cody's central approximation is used. */
  static final double CENTRAL_LIMIT = 0.67448975;
  /** |x| up to which Cody's middle approximation is used: √32. */
  static final double MIDDLE_LIMIT = 5.656854249492380195206754896838;
  /** |x| is clamped here: e^(−x²/2) is zero in double precision long before (Cody returns 0 beyond 38.5). */
  static final double MAX_ABS_ARG = 40.0;
  // central: N = ½ + x·A(x²)/B(x²)
  static final double A0 = 2.2352520354606839287;
  static final double A1 = 161.02823106855587881;
  static final double A2 = 1067.6894854603709582;
  static final double A3 = 18154.981253343561249;
  static final double A4 = 0.065682337918207449113;
  static final double B0 = 47.20258190468824187;
  static final double B1 = 976.09855173777669322;
  static final double B2 = 10260.932208618978205;
  static final double B3 = 45507.789335026729956;
  // middle: tail = e^(−y²/2)·C(y)/D(y)
  static final double C0 = 0.39894151208813466764;
  static final double C1 = 8.8831497943883759412;
  static final double C2 = 93.506656132177855979;
  static final double C3 = 597.27027639480026226;
  static final double C4 = 2494.5375852903726711;
  static final double C5 = 6848.1904505362823326;
  static final double C6 = 11602.651437647350124;
  static final double C7 = 9842.7148383839780218;
  static final double C8 = 1.0765576773720192317e-8;
  static final double D0 = 22.266688044328115691;
  static final double D1 = 235.38790178262499861;
  static final double D2 = 1519.377599407554805;
  static final double D3 = 6485.558298266760755;
  static final double D4 = 18615.571640885098091;
  static final double D5 = 34900.952721145977266;
  static final double D6 = 38912.003286093271411;
  static final double D7 = 19685.429676859990727;
  // far: tail = e^(−y²/2)·(1/√(2π) − P(1/y²)/(y²·Q(1/y²)))/y
  static final double P0 = 0.21589853405795699;
  static final double P1 = 0.1274011611602473639;
  static final double P2 = 0.022235277870649807;
  static final double P3 = 0.001421619193227893466;
  static final double P4 = 2.9112874951168792e-5;
  static final double P5 = 0.02307344176494017303;
  static final double Q0 = 1.28426009614491121;
  static final double Q1 = 0.468238212480865118;
  static final double Q2 = 0.0659881378689285515;
  static final double Q3 = 0.00378239633202758244;
  static final double Q4 = 7.29751555083966205e-5;

  private Coefficients() {
  }
}
