package org.pmargin.simd;

import static org.pmargin.simd.Coefficients.*;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link Black76Kernel}: the JDK Vector API ({@code jdk.incubator.vector}) over the batch's structure of
 * arrays, {@link DoubleVector#SPECIES_PREFERRED} lanes at a time (8 doubles with AVX-512, 4 with AVX2); the last,
 * partial vector is loaded and stored under a mask.
 *
 * <p><b>Every function is written out lane-wise, without branches</b>, using only vector arithmetic (fused
 * multiply-add, one hardware square root, three divisions per price and one more for gamma) and integer operations
 * on the bits:
 * <ul>
 *   <li>one division 1/(K·σ√T) gives both 1/(σ√T) and F/K, the latter refined by one Newton step on the exact
 *       residual F − K·(F/K) to the correctly rounded quotient (an ulp off in F/K is a large relative error in
 *       ln(F/K) near the money, which delta would show);</li>
 *   <li>ln(F/K): fdlibm's algorithm (exponent from the bits, mantissa reduced to [√2/2, √2), a minimax polynomial in
 *       s = f/(2+f)), within one ulp;</li>
 *   <li>e^(−d1²/2): d1² held as an exact sum z + zlo (a fused multiply-add gives the rounding error), e^(−z/2) by
 *       reduction with ln 2 in two parts, a degree-13 Taylor polynomial, and 2^n built from exponent bits in two
 *       halves (so subnormal results are right), times (1 − zlo/2): about one ulp even for large |d1|, where the
 *       scalar routine splits its argument for the same reason. It is the only exponential per option:
 *       e^(−d2²/2) = e^(−d1²/2)·F/K exactly (d1² − d2² = 2·ln(F/K)), and φ(d1) for the Greeks is the same number
 *       over √(2π). (When e^(−d1²/2) underflows, the forward and strike bounds of {@link Black76Batch} leave
 *       e^(−d2²/2) below 1e-107, far under the accuracy floor below.);</li>
 *   <li>N(x): Cody's approximation as in {@link org.pmargin.core.pricing.Normal#cdf}. Eight random options have
 *       lanes in all three of its regions (|x| ≤ 0.674, ≤ √32, beyond), so all three rationals are evaluated and
 *       their numerators and denominators blended by region; the two distributions share one division,
 *       1/(den1·den2) (every denominator is between 1e4 and 1e17). The far-tail rational in
 *       1/x² is multiplied above and below by x^10, a ratio of polynomials in x² with positive coefficients, which
 *       saves a division and loses nothing in Horner's rule. |x| is clamped at 40, where the tail is 0 anyway.</li>
 * </ul>
 * {@link VectorOperators#EXP} and {@link VectorOperators#LOG} are not used: the API specifies them loosely, and
 * whether they become a short-vector library call or a slow per-lane fallback depends on the JDK build and the CPU;
 * the kernel's accuracy and speed must not.
 *
 * <p><b>Why four loops over scratch arrays.</b> The batch is processed in blocks of 512 options, and
 * each block in four stages, each a loop over the block that passes its results to the next through per-thread
 * scratch arrays (allocated once per thread, 40 KB, and small enough to stay in the L1 and L2 caches): (1) F/K,
 * ln(F/K), d1 and d2; (2) e^(−d1²/2) and N(d1)'s rational; (3) N(d2)'s rational; (4) the division, both distributions,
 * the price and the Greeks. Two HotSpot limits forced this shape; both were hit while writing the kernel:
 * <ul>
 *   <li>Vectors must not cross a method call that C2 does not inline, or they are boxed on the heap (the first
 *       version, with helper methods for exp, log and N, allocated about 200 bytes per option and ran 4× slower:
 *       C2 inlines our methods only within its size and node-count budgets, unlike the Vector API's own). So each
 *       stage is one loop that calls nothing but the Vector API, and stages talk through arrays, not vectors.</li>
 *   <li>Each stage must be small enough for C1 to compile with profiling (tier 3). A single-loop kernel (2378
 *       bytes of bytecode) made C1 bail out ("out of virtual registers"); harmless while the interpreter hands it
 *       straight to C2, but when C2's queue was long HotSpot compiled it at tier 2 instead, which worked, and from
 *       tier 2 the only way on is tier 3: the kernel stayed in C1 code at about 1 M options/s for the rest of the
 *       run (one JMH fork in six). Scratch arrays are read and written without masks (they are a whole number of
 *       vectors long): with masked scratch accesses the last stage still made C1 run out of registers.</li>
 * </ul>
 * The split also made the kernel faster than the single loop it replaced (about 109 to 113–117 M options/s on one
 * thread; presumably fewer register spills in the smaller loops, not verified).
 *
 * <p><b>Accuracy</b> against the {@link ScalarBlack76Kernel} reference (tested over 100,000 seeded random options
 * per run, see {@code VectorKernelAccuracyTest}): {@code |vector − scalar| ≤ 1e-12·|scalar| + 1e-15·F·D}. The
 * absolute term is ten ulps of the discounted forward: below a price of about 1e-3·F·D the Black-76 formula
 * F·N(d1) − K·N(d2) subtracts two numbers much larger than their difference, so the scalar reference itself carries
 * absolute errors of a few ulps of F·D·N(d1), and no comparison can be finer than that. Above it, the agreement is
 * 1e-12 relative or better. Delta, gamma and vega agree to 1e-12 relative plus 1e-15 of their natural scales (D,
 * D/(F·σ√T), D·F·√T).
 *
 * <p>Requires {@code --add-modules jdk.incubator.vector} at compile time and at run time.
 *
 * <p>This class is immutable and thread-safe (its scratch arrays are per thread).
 */
public final class VectorBlack76Kernel implements Black76Kernel {

  /** The shared instance. */
  public static final VectorBlack76Kernel INSTANCE = new VectorBlack76Kernel();

  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  private VectorBlack76Kernel() {
  }

  /** The number of options priced per vector: the lane count of the preferred species on this CPU. */
  public static int lanes() {
    return SPECIES.length();
  }

  @Override
  public void price(Black76Batch batch, double[] price) {
    batch.checkOutput(price, "price");
    revalue(batch, price, null, null, null, false);
  }

  @Override
  public void priceGreeks(Black76Batch batch, double[] price, double[] delta, double[] gamma, double[] vega) {
    batch.checkOutput(price, "price");
    batch.checkOutput(delta, "delta");
    batch.checkOutput(gamma, "gamma");
    batch.checkOutput(vega, "vega");
    revalue(batch, price, delta, gamma, vega, true);
  }

  /** Options per block, a whole number of vectors: a block's ten scratch arrays (4 KB each) stay in cache. */
  static final int BLOCK = 512;

  /** Per-thread scratch arrays that carry a block's intermediate results from one stage to the next. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** The intermediate results of one block, indexed from the block's first option. */
  private static final class Scratch {
    final double[] x1 = new double[BLOCK];
    final double[] x2 = new double[BLOCK];
    final double[] ratio = new double[BLOCK];
    final double[] sd = new double[BLOCK];
    final double[] sqrtT = new double[BLOCK];
    final double[] g1 = new double[BLOCK];
    final double[] num1 = new double[BLOCK];
    final double[] den1 = new double[BLOCK];
    final double[] num2 = new double[BLOCK];
    final double[] den2 = new double[BLOCK];
  }

  /**
   * The kernel, block by block, each block in four stages (see the class comment on why). Lanes past the end of the
   * batch (loaded as zeros, or read from stale scratch entries) compute garbage, possibly infinities and NaN, which
   * the masked stores to the outputs discard; no such lane ever reaches an output.
   */
  private static void revalue(Black76Batch batch, double[] price, double[] delta, double[] gamma, double[] vega,
      boolean greeks) {
    Scratch sc = SCRATCH.get();
    int n = batch.size();
    for (int from = 0; from < n; from += BLOCK) {
      int count = Math.min(BLOCK, n - from);
      moneyness(batch, from, count, sc);
      firstRational(count, sc);
      secondRational(count, sc);
      finish(batch, from, count, sc, price, delta, gamma, vega, greeks);
    }
  }

  /** Stage 1: d1 and d2 (as x = s·d), F/K, σ√T and √T. */
  private static void moneyness(Black76Batch batch, int from, int count, Scratch sc) {
    double[] fa = batch.forwards();
    double[] ka = batch.strikes();
    double[] ta = batch.expiries();
    double[] va = batch.vols();
    double[] sa = batch.signs();
    int columnBase = batch.blockColumns() ? 0 : from;
    for (int j = 0; j < count; j += SPECIES.length()) {
      VectorMask<Double> m = SPECIES.indexInRange(j, count);
      int i = from + j;
      int c = columnBase + j;
      DoubleVector f = DoubleVector.fromArray(SPECIES, fa, i, m);
      DoubleVector k = DoubleVector.fromArray(SPECIES, ka, c, m);
      DoubleVector t = DoubleVector.fromArray(SPECIES, ta, c, m);
      DoubleVector v = DoubleVector.fromArray(SPECIES, va, i, m);
      DoubleVector s = DoubleVector.fromArray(SPECIES, sa, c, m);

      // one division gives both F/K and 1/(σ√T): w = 1/(K·σ√T), F/K ≈ F·σ√T·w, then one Newton step with the exact
      // residual F − K·(F/K) (a fused multiply-add) brings F/K back to the correctly rounded quotient: near the money
      // ln(F/K) is small and an ulp of F/K is a large relative error in it, which delta and gamma would show.
      DoubleVector sqrtT = t.sqrt();
      DoubleVector sd = v.mul(sqrtT);
      DoubleVector w = sd.broadcast(1.0).div(k.mul(sd));
      DoubleVector invK = sd.mul(w);
      DoubleVector ratio0 = f.mul(invK);
      DoubleVector ratio = k.neg().fma(ratio0, f).fma(invK, ratio0);

      // ln(F/K) (fdlibm): F/K = 2^e·mm, mm in [1, 2) from the bits; mm > √2 is halved, e raised; f = mm − 1
      LongVector bits = ratio.reinterpretAsLongs();
      DoubleVector biased = bits.lanewise(VectorOperators.LSHR, MANTISSA_BITS).or(TWO52_BITS)
          .reinterpretAsDoubles().sub(TWO52);
      DoubleVector mm = bits.and(MANTISSA_MASK).or(ONE_BITS).reinterpretAsDoubles();
      VectorMask<Double> high = mm.compare(VectorOperators.GT, SQRT2);
      DoubleVector lf = mm.blend(mm.mul(0.5), high).sub(1.0);
      DoubleVector le = biased.sub(BIAS).blend(biased.sub(BIAS - 1), high);
      DoubleVector ls = lf.div(lf.add(2.0));
      DoubleVector lz = ls.mul(ls);
      DoubleVector lw = lz.mul(lz);
      DoubleVector lr = lw.fma(LG6, LG4).fma(lw, lw.broadcast(LG2)).mul(lw)
          .add(lw.fma(LG7, LG5).fma(lw, lw.broadcast(LG3)).fma(lw, lw.broadcast(LG1)).mul(lz));
      DoubleVector hfsq = lf.mul(lf).mul(0.5);
      DoubleVector logRatio = le.fma(le.broadcast(LN2_HI),
          lf.sub(hfsq.sub(ls.fma(hfsq.add(lr), le.mul(LN2_LO)))));

      DoubleVector d1 = logRatio.mul(k.mul(w)).add(sd.mul(0.5));
      DoubleVector x1 = s.mul(d1);
      DoubleVector x2 = s.mul(d1.sub(sd));
      x1.intoArray(sc.x1, j);
      x2.intoArray(sc.x2, j);
      ratio.intoArray(sc.ratio, j);
      sd.intoArray(sc.sd, j);
      sqrtT.intoArray(sc.sqrtT, j);
    }
  }

  /** Stage 2: e^(−d1²/2) and the numerator and denominator of N(x1)'s rational. */
  private static void firstRational(int count, Scratch sc) {
    for (int j = 0; j < count; j += SPECIES.length()) {
      VectorMask<Double> m = SPECIES.indexInRange(j, count);
      DoubleVector x1 = DoubleVector.fromArray(SPECIES, sc.x1, j);
      // N(x1): y = min(|x|, 40), g = e^(−y²/2), Cody's three rationals blended by region (divided further down)
      DoubleVector y1 = x1.abs();
      y1 = y1.blend(MAX_ABS_ARG, y1.compare(VectorOperators.GT, MAX_ABS_ARG)); // not min(): no NaN to order
      DoubleVector z1 = y1.mul(y1);
      DoubleVector zlo1 = y1.fma(y1, z1.neg()); // y² = z + zlo exactly
      // e^(−z/2): n = round(−z/(2 ln 2)), r = −z/2 − n·ln 2, e^r by Taylor, 2^n by exponent bits in two halves
      // (y ≤ 40, so −z/2 ≥ −800: the two-factor scaling below underflows to 0 cleanly, no clamp needed)
      DoubleVector a1 = z1.mul(-0.5);
      DoubleVector kd1 = a1.fma(LOG2E, SHIFTER);
      DoubleVector en1 = kd1.sub(SHIFTER);
      DoubleVector r1 = en1.fma(a1.broadcast(-LN2_HI), a1);
      r1 = en1.fma(a1.broadcast(-LN2_LO), r1);
      DoubleVector e1 = r1.fma(E13, E12);
      e1 = e1.fma(r1, r1.broadcast(E11));
      e1 = e1.fma(r1, r1.broadcast(E10));
      e1 = e1.fma(r1, r1.broadcast(E9));
      e1 = e1.fma(r1, r1.broadcast(E8));
      e1 = e1.fma(r1, r1.broadcast(E7));
      e1 = e1.fma(r1, r1.broadcast(E6));
      e1 = e1.fma(r1, r1.broadcast(E5));
      e1 = e1.fma(r1, r1.broadcast(E4));
      e1 = e1.fma(r1, r1.broadcast(E3));
      e1 = e1.fma(r1, r1.broadcast(E2));
      e1 = e1.fma(r1, r1.broadcast(1.0));
      e1 = e1.fma(r1, r1.broadcast(1.0));
      LongVector ni1 = kd1.reinterpretAsLongs().sub(SHIFTER_BITS);
      LongVector nh1 = ni1.lanewise(VectorOperators.ASHR, 1);
      e1 = e1.mul(nh1.add(BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretAsDoubles())
          .mul(ni1.sub(nh1).add(BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretAsDoubles());
      DoubleVector g1 = e1.fma(zlo1.mul(-0.5), e1); // e^(−z/2)·(1 − zlo/2) = e^(−y²/2)
      // central: ½ + x·A(z)/B(z)
      DoubleVector cn1 = z1.fma(A4, A0).fma(z1, z1.broadcast(A1)).fma(z1, z1.broadcast(A2))
          .fma(z1, z1.broadcast(A3));
      DoubleVector cd1 = z1.add(B0).fma(z1, z1.broadcast(B1)).fma(z1, z1.broadcast(B2))
          .fma(z1, z1.broadcast(B3));
      // middle: tail = g·C(y)/D(y)
      DoubleVector mn1 = y1.fma(C8, C0).fma(y1, y1.broadcast(C1)).fma(y1, y1.broadcast(C2))
          .fma(y1, y1.broadcast(C3)).fma(y1, y1.broadcast(C4)).fma(y1, y1.broadcast(C5))
          .fma(y1, y1.broadcast(C6)).fma(y1, y1.broadcast(C7));
      DoubleVector md1 = y1.add(D0).fma(y1, y1.broadcast(D1)).fma(y1, y1.broadcast(D2))
          .fma(y1, y1.broadcast(D3)).fma(y1, y1.broadcast(D4)).fma(y1, y1.broadcast(D5))
          .fma(y1, y1.broadcast(D6)).fma(y1, y1.broadcast(D7));
      // far, Cody's rational in 1/z times z^5 above and below: tail = g·(z·Q(z)/√(2π) − P(z))/(z·Q(z)·y)
      DoubleVector fp1 = z1.fma(P4, P3).fma(z1, z1.broadcast(P2)).fma(z1, z1.broadcast(P1))
          .fma(z1, z1.broadcast(P0)).fma(z1, z1.broadcast(P5));
      DoubleVector fq1 = z1.fma(Q4, Q3).fma(z1, z1.broadcast(Q2)).fma(z1, z1.broadcast(Q1))
          .fma(z1, z1.broadcast(Q0)).fma(z1, z1.broadcast(1.0)).mul(z1);
      DoubleVector fn1 = fq1.fma(fq1.broadcast(INV_SQRT_2PI), fp1.neg());
      DoubleVector fd1 = fq1.mul(y1);
      VectorMask<Double> central1 = y1.compare(VectorOperators.LE, CENTRAL_LIMIT);
      VectorMask<Double> middle1 = y1.compare(VectorOperators.LE, MIDDLE_LIMIT);
      DoubleVector num1 = fn1.blend(mn1, middle1).blend(cn1, central1);
      DoubleVector den1 = fd1.blend(md1, middle1).blend(cd1, central1);
      g1.intoArray(sc.g1, j);
      num1.intoArray(sc.num1, j);
      den1.intoArray(sc.den1, j);
    }
  }

  /** Stage 3: the numerator and denominator of N(x2)'s rational. */
  private static void secondRational(int count, Scratch sc) {
    for (int j = 0; j < count; j += SPECIES.length()) {
      VectorMask<Double> m = SPECIES.indexInRange(j, count);
      DoubleVector x2 = DoubleVector.fromArray(SPECIES, sc.x2, j);
      // N(x2): y = min(|x|, 40), g = e^(−y²/2), Cody's three rationals blended by region
      DoubleVector y2 = x2.abs();
      y2 = y2.blend(MAX_ABS_ARG, y2.compare(VectorOperators.GT, MAX_ABS_ARG)); // not min(): no NaN to order
      DoubleVector z2 = y2.mul(y2);
      // central: ½ + x·A(z)/B(z)
      DoubleVector cn2 = z2.fma(A4, A0).fma(z2, z2.broadcast(A1)).fma(z2, z2.broadcast(A2))
          .fma(z2, z2.broadcast(A3));
      DoubleVector cd2 = z2.add(B0).fma(z2, z2.broadcast(B1)).fma(z2, z2.broadcast(B2))
          .fma(z2, z2.broadcast(B3));
      // middle: tail = g·C(y)/D(y)
      DoubleVector mn2 = y2.fma(C8, C0).fma(y2, y2.broadcast(C1)).fma(y2, y2.broadcast(C2))
          .fma(y2, y2.broadcast(C3)).fma(y2, y2.broadcast(C4)).fma(y2, y2.broadcast(C5))
          .fma(y2, y2.broadcast(C6)).fma(y2, y2.broadcast(C7));
      DoubleVector md2 = y2.add(D0).fma(y2, y2.broadcast(D1)).fma(y2, y2.broadcast(D2))
          .fma(y2, y2.broadcast(D3)).fma(y2, y2.broadcast(D4)).fma(y2, y2.broadcast(D5))
          .fma(y2, y2.broadcast(D6)).fma(y2, y2.broadcast(D7));
      // far, Cody's rational in 1/z times z^5 above and below: tail = g·(z·Q(z)/√(2π) − P(z))/(z·Q(z)·y)
      DoubleVector fp2 = z2.fma(P4, P3).fma(z2, z2.broadcast(P2)).fma(z2, z2.broadcast(P1))
          .fma(z2, z2.broadcast(P0)).fma(z2, z2.broadcast(P5));
      DoubleVector fq2 = z2.fma(Q4, Q3).fma(z2, z2.broadcast(Q2)).fma(z2, z2.broadcast(Q1))
          .fma(z2, z2.broadcast(Q0)).fma(z2, z2.broadcast(1.0)).mul(z2);
      DoubleVector fn2 = fq2.fma(fq2.broadcast(INV_SQRT_2PI), fp2.neg());
      DoubleVector fd2 = fq2.mul(y2);
      VectorMask<Double> central2 = y2.compare(VectorOperators.LE, CENTRAL_LIMIT);
      VectorMask<Double> middle2 = y2.compare(VectorOperators.LE, MIDDLE_LIMIT);
      DoubleVector num2 = fn2.blend(mn2, middle2).blend(cn2, central2);
      DoubleVector den2 = fd2.blend(md2, middle2).blend(cd2, central2);
      num2.intoArray(sc.num2, j);
      den2.intoArray(sc.den2, j);
    }
  }

  /** Stage 4: both distributions, the price and the Greeks. */
  private static void finish(Black76Batch batch, int from, int count, Scratch sc, double[] price, double[] delta,
      double[] gamma, double[] vega, boolean greeks) {
    double[] fa = batch.forwards();
    double[] ka = batch.strikes();
    double[] da = batch.discounts();
    double[] sa = batch.signs();
    int columnBase = batch.blockColumns() ? 0 : from;
    for (int j = 0; j < count; j += SPECIES.length()) {
      VectorMask<Double> m = SPECIES.indexInRange(j, count);
      int i = from + j;
      int c = columnBase + j;
      DoubleVector x1 = DoubleVector.fromArray(SPECIES, sc.x1, j);
      DoubleVector x2 = DoubleVector.fromArray(SPECIES, sc.x2, j);
      DoubleVector g1 = DoubleVector.fromArray(SPECIES, sc.g1, j);
      DoubleVector num1 = DoubleVector.fromArray(SPECIES, sc.num1, j);
      DoubleVector den1 = DoubleVector.fromArray(SPECIES, sc.den1, j);
      DoubleVector num2 = DoubleVector.fromArray(SPECIES, sc.num2, j);
      DoubleVector den2 = DoubleVector.fromArray(SPECIES, sc.den2, j);
      VectorMask<Double> central1 = x1.abs().compare(VectorOperators.LE, CENTRAL_LIMIT);
      VectorMask<Double> central2 = x2.abs().compare(VectorOperators.LE, CENTRAL_LIMIT);
      // φ(d2) = φ(d1)·F/K (as d1² − d2² = 2·ln(F/K)): no second exponential
      DoubleVector g2 = g1.mul(DoubleVector.fromArray(SPECIES, sc.ratio, j));
      // one division for both ratios: 1/(den1·den2) (every denominator lies in [1e4, 1e17], so no overflow)
      DoubleVector invDen = den1.broadcast(1.0).div(den1.mul(den2));
      DoubleVector q1 = num1.mul(den2).mul(invDen);
      DoubleVector q2 = num2.mul(den1).mul(invDen);
      DoubleVector tail1 = g1.mul(q1);
      DoubleVector nd1 = tail1.blend(tail1.broadcast(1.0).sub(tail1), x1.compare(VectorOperators.GT, 0.0))
          .blend(x1.fma(q1, q1.broadcast(0.5)), central1);
      DoubleVector tail2 = g2.mul(q2);
      DoubleVector nd2 = tail2.blend(tail2.broadcast(1.0).sub(tail2), x2.compare(VectorOperators.GT, 0.0))
          .blend(x2.fma(q2, q2.broadcast(0.5)), central2);

      DoubleVector f = DoubleVector.fromArray(SPECIES, fa, i, m);
      DoubleVector k = DoubleVector.fromArray(SPECIES, ka, c, m);
      DoubleVector d = DoubleVector.fromArray(SPECIES, da, c, m);
      DoubleVector s = DoubleVector.fromArray(SPECIES, sa, c, m);
      DoubleVector p = d.mul(s.mul(f.mul(nd1).sub(k.mul(nd2))));
      p.intoArray(price, i, m);
      if (greeks) {
        // φ(d1) = g1/√(2π): y1 = |d1| (clamped where φ is 0 anyway)
        DoubleVector sd = DoubleVector.fromArray(SPECIES, sc.sd, j);
        DoubleVector sqrtT = DoubleVector.fromArray(SPECIES, sc.sqrtT, j);
        DoubleVector discountedPdf = d.mul(g1.mul(INV_SQRT_2PI));
        d.mul(s).mul(nd1).intoArray(delta, i, m);
        discountedPdf.div(f.mul(sd)).intoArray(gamma, i, m);
        discountedPdf.mul(f).mul(sqrtT).intoArray(vega, i, m);
      }
    }
  }
}
