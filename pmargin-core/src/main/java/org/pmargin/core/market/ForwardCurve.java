package org.pmargin.core.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Forward (futures) prices of one underlying by expiry, interpolated between quoted expiries.
 *
 * <p>The curve is the index S at time zero and the quoted forwards F_i at their expiries. Between them the
 * log-basis ln(F/S) is interpolated linearly in time (a piecewise constant implied carry rate); beyond the last
 * quote the last carry rate is held, so F(T) = S·exp(ln(F_n/S)·T/T_n). With no quotes, F(T) = S.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param asOf  the valuation instant
 * @param spot  the index price S &gt; 0
 * @param points  the quoted forwards, each with an expiry strictly after {@code asOf}
 */
public record ForwardCurve(Instant asOf, double spot, List<ForwardPoint> points) {

  /** Validates and sorts the points by expiry. */
  public ForwardCurve {
    Checks.notNull(asOf, "as_of");
    Checks.positive(spot, "index");
    Checks.notNull(points, "forwards");
    for (int i = 0; i < points.size(); i++) {
      Checks.notNull(points.get(i), "forwards[" + i + "]");
    }
    List<ForwardPoint> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparing(ForwardPoint::expiry));
    for (int i = 0; i < sorted.size(); i++) {
      ForwardPoint p = Checks.notNull(sorted.get(i), "forwards[" + i + "]");
      if (!p.expiry().isAfter(asOf)) {
        throw new InvalidInputException("forwards[" + i + "].expiry",
            "must be after the snapshot time " + asOf + ", got " + p.expiry());
      }
      if (i > 0 && p.expiry().equals(sorted.get(i - 1).expiry())) {
        throw new InvalidInputException("forwards[" + i + "].expiry", "duplicate expiry " + p.expiry());
      }
    }
    points = List.copyOf(sorted);
  }

  /** A flat curve: every forward equals the index. */
  public static ForwardCurve flat(Instant asOf, double spot) {
    return new ForwardCurve(asOf, spot, List.of());
  }

  /**
   * The forward for an expiry; the index for an expiry at or before {@code asOf}.
   *
   * @param expiry  the expiry
   * @return F(T)
   */
  public double forward(Instant expiry) {
    double t = YearFraction.between(asOf, expiry);
    return forward(t);
  }

  /**
   * The forward at a year fraction from {@code asOf}.
   *
   * @param t  years from {@code asOf}; zero or less gives the index
   * @return F(t)
   */
  public double forward(double t) {
    if (!(t > 0) || points.isEmpty()) {
      return spot;
    }
    double prevT = 0;
    double prevLog = 0;
    for (ForwardPoint p : points) {
      double ti = YearFraction.between(asOf, p.expiry());
      double logi = Math.log(p.price() / spot);
      if (t <= ti) {
        return spot * Math.exp(prevLog + (logi - prevLog) * (t - prevT) / (ti - prevT));
      }
      prevT = ti;
      prevLog = logi;
    }
    return spot * Math.exp(prevLog * t / prevT);
  }

  /** The same curve with the index and every forward multiplied by a factor: a move of the whole underlying. */
  public ForwardCurve scaled(double factor) {
    Checks.positive(factor, "factor");
    return new ForwardCurve(asOf, spot * factor,
        points.stream().map(p -> new ForwardPoint(p.expiry(), p.price() * factor)).toList());
  }

  /**
   * A quoted forward or futures price.
   *
   * @param expiry  the expiry, UTC
   * @param price  the forward price in USD, &gt; 0
   */
  public record ForwardPoint(Instant expiry, double price) {

    /** Validates the fields. */
    public ForwardPoint {
      Checks.notNull(expiry, "expiry");
      Checks.positive(price, "price");
    }
  }
}
