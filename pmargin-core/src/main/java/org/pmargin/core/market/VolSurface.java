package org.pmargin.core.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The implied volatility surface of one underlying: a {@link Smile} per quoted expiry.
 *
 * <p>Interpolation is in total implied variance w(k, T) = σ²T at fixed forward log-moneyness k = ln(K/F(T)):
 * linear in T between two quoted expiries; before the first and after the last expiry the nearest smile's implied
 * vol at that k is held flat (w grows in proportion to T). Linear interpolation of total variance keeps the surface
 * free of calendar arbitrage whenever the quoted smiles are, and that is checked on construction: w must not
 * decrease from one expiry to the next at any k in [−2, 2].
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param asOf  the valuation instant
 * @param slices  the smiles by expiry, each expiry strictly after {@code asOf}
 */
public record VolSurface(Instant asOf, List<Slice> slices) {

  /** Validates, sorts by expiry and checks calendar arbitrage. */
  public VolSurface {
    Checks.notNull(asOf, "as_of");
    Checks.notNull(slices, "expiries");
    Checks.require(!slices.isEmpty(), "expiries", "a vol surface needs at least one expiry");
    for (int i = 0; i < slices.size(); i++) {
      Checks.notNull(slices.get(i), "expiries[" + i + "]");
    }
    List<Slice> sorted = new ArrayList<>(slices);
    sorted.sort(Comparator.comparing(Slice::expiry));
    double prevT = 0;
    for (int i = 0; i < sorted.size(); i++) {
      Slice s = Checks.notNull(sorted.get(i), "expiries[" + i + "]");
      double t = YearFraction.between(asOf, s.expiry());
      if (!(t > 0)) {
        throw new InvalidInputException("expiries[" + i + "].expiry",
            "must be after the snapshot time " + asOf + ", got " + s.expiry());
      }
      if (i > 0) {
        if (!(t > prevT)) {
          throw new InvalidInputException("expiries[" + i + "].expiry", "duplicate expiry " + s.expiry());
        }
        Slice prev = sorted.get(i - 1);
        for (int j = -200; j <= 200; j++) {
          double k = j / 100.0;
          double w0 = prev.smile().totalVariance(k, prevT);
          double w1 = s.smile().totalVariance(k, t);
          if (w1 < w0 - 1e-12) {
            throw new InvalidInputException("expiries[" + i + "]", "calendar arbitrage: total variance falls from "
                + w0 + " at " + prev.expiry() + " to " + w1 + " at " + s.expiry() + " for log-moneyness " + k);
          }
        }
      }
      prevT = t;
    }
    slices = List.copyOf(sorted);
  }

  /** A surface with one implied vol everywhere. */
  public static VolSurface flat(Instant asOf, double vol) {
    return new VolSurface(asOf, List.of(new Slice(asOf.plusSeconds(365L * 24 * 3600), new FlatSmile(vol))));
  }

  /**
   * The implied vol of a strike at an expiry.
   *
   * @param strike  K &gt; 0
   * @param forward  the forward F(T) of that expiry
   * @param expiryYears  T &gt; 0, from {@code asOf}
   * @return σ(K, T) &gt; 0
   */
  public double vol(double strike, double forward, double expiryYears) {
    Checks.positive(strike, "strike");
    Checks.positive(forward, "forward");
    Checks.positive(expiryYears, "expiry_years");
    double k = Math.log(strike / forward);
    double w = totalVariance(k, expiryYears);
    double vol = Math.sqrt(w / expiryYears);
    if (!(vol > 0) || Double.isInfinite(vol)) {
      throw new InvalidInputException("vol_surface", "gives no positive vol at strike " + strike + ", forward "
          + forward + ", expiry " + expiryYears + " years");
    }
    return vol;
  }

  /** The total implied variance w(k, T). */
  public double totalVariance(double k, double t) {
    Slice first = slices.get(0);
    double t0 = YearFraction.between(asOf, first.expiry());
    if (t <= t0) {
      return first.smile().totalVariance(k, t0) * t / t0;
    }
    for (int i = 1; i < slices.size(); i++) {
      Slice s = slices.get(i);
      double t1 = YearFraction.between(asOf, s.expiry());
      if (t <= t1) {
        double w0 = slices.get(i - 1).smile().totalVariance(k, t0);
        double w1 = s.smile().totalVariance(k, t1);
        return w0 + (w1 - w0) * (t - t0) / (t1 - t0);
      }
      t0 = t1;
    }
    Slice last = slices.get(slices.size() - 1);
    return last.smile().totalVariance(k, t0) * t / t0;
  }

  /**
   * The smile of one quoted expiry.
   *
   * @param expiry  the expiry, UTC
   * @param smile  the smile
   */
  public record Slice(Instant expiry, Smile smile) {

    /** Validates the fields. */
    public Slice {
      Checks.notNull(expiry, "expiry");
      Checks.notNull(smile, "smile");
    }
  }
}
