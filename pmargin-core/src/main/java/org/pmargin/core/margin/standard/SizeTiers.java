package org.pmargin.core.margin.standard;

import java.util.List;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A position-size tier table in USD notional: larger positions pay higher rates, as the large exchanges' leverage
 * brackets do (Binance USDⓈ-M "position tiers", shared methodology §2).
 *
 * <p>Each bracket's rate applies to the slice of notional inside it, so the requirement of a position of notional
 * n in bracket i is Σ<sub>j&lt;i</sub> rate<sub>j</sub>·(bound<sub>j</sub> − bound<sub>j−1</sub>) +
 * rate<sub>i</sub>·(n − bound<sub>i−1</sub>). This is exactly Binance's {@code |rate_i × notional| − cumulative
 * deduction} with cum<sub>i</sub> = cum<sub>i−1</sub> + bound<sub>i−1</sub>·(rate<sub>i</sub> − rate<sub>i−1</sub>)
 * ({@link #initialDeduction(int)}), and it is continuous in n: no jump at a bracket boundary. Binance derives the
 * initial margin from the chosen leverage on the whole notional, which jumps at boundaries; here the initial rates
 * are sliced the same way as the maintenance rates so that both are continuous.
 *
 * @param tiers  brackets with strictly increasing bounds, rates that never fall from one bracket to the next, a gap
 *     between initial and maintenance rate that never narrows (so the initial extra of a position is never below its
 *     maintenance extra), and an unbounded last bracket
 */
public record SizeTiers(List<SizeTier> tiers) {

  /** Validates the table. */
  public SizeTiers {
    Checks.notNull(tiers, "size_tiers");
    Checks.require(!tiers.isEmpty(), "size_tiers", "needs at least one bracket");
    for (int i = 0; i < tiers.size(); i++) {
      SizeTier t = Checks.notNull(tiers.get(i), "size_tiers[" + i + "]");
      if (i == 0) {
        continue;
      }
      SizeTier prev = tiers.get(i - 1);
      if (!(t.upToUsd() > prev.upToUsd())) {
        throw new InvalidInputException("size_tiers[" + i + "].up_to_usd",
            "bracket bounds must increase: " + t.upToUsd() + " after " + prev.upToUsd());
      }
      if (t.initialRate() < prev.initialRate()) {
        throw new InvalidInputException("size_tiers[" + i + "].initial_rate",
            "must not be below the previous bracket's " + prev.initialRate() + " (a larger position must never pay"
                + " less per dollar), got " + t.initialRate());
      }
      if (t.maintenanceRate() < prev.maintenanceRate()) {
        throw new InvalidInputException("size_tiers[" + i + "].maintenance_rate",
            "must not be below the previous bracket's " + prev.maintenanceRate() + ", got " + t.maintenanceRate());
      }
      // 1e-12 absorbs the rounding of equal gaps, e.g. 0.03 − 0.02 after 0.02 − 0.01
      if (t.initialRate() - t.maintenanceRate() < prev.initialRate() - prev.maintenanceRate() - 1e-12) {
        throw new InvalidInputException("size_tiers[" + i + "].maintenance_rate",
            "the gap initial_rate − maintenance_rate must not narrow from one bracket to the next (else the"
                + " maintenance extra of a large position could exceed its initial extra), got "
                + t.initialRate() + " − " + t.maintenanceRate() + " after " + prev.initialRate() + " − "
                + prev.maintenanceRate());
      }
    }
    Checks.require(tiers.get(tiers.size() - 1).upToUsd() == Double.POSITIVE_INFINITY,
        "size_tiers[" + (tiers.size() - 1) + "].up_to_usd", "the last bracket must be unbounded");
    tiers = List.copyOf(tiers);
  }

  /** The initial margin of a position of this USD notional, sliced across the brackets. */
  public double initial(double notionalUsd) {
    return sliced(notionalUsd, true, false);
  }

  /** The maintenance margin of a position of this USD notional, sliced across the brackets. */
  public double maintenance(double notionalUsd) {
    return sliced(notionalUsd, false, false);
  }

  /** What {@link #initial(double)} charges beyond the first bracket's rate on the whole notional, ≥ 0. */
  public double initialExtra(double notionalUsd) {
    return sliced(notionalUsd, true, true);
  }

  /** What {@link #maintenance(double)} charges beyond the first bracket's rate on the whole notional, ≥ 0. */
  public double maintenanceExtra(double notionalUsd) {
    return sliced(notionalUsd, false, true);
  }

  /**
   * Binance's "cumulative deduction" (maintenance amount) of a bracket for the initial rates: the requirement of a
   * position in bracket i is initialRate<sub>i</sub>·n − initialDeduction(i).
   *
   * @param bracket  the bracket's index
   * @return its cumulative deduction in USD
   */
  public double initialDeduction(int bracket) {
    return deduction(bracket, true);
  }

  /** As {@link #initialDeduction(int)}, for the maintenance rates (Binance's published {@code cum}). */
  public double maintenanceDeduction(int bracket) {
    return deduction(bracket, false);
  }

  /** The index of the bracket a notional falls in (a bound belongs to the bracket it closes). */
  public int bracketOf(double notionalUsd) {
    for (int i = 0; i < tiers.size(); i++) {
      if (notionalUsd <= tiers.get(i).upToUsd()) {
        return i;
      }
    }
    return tiers.size() - 1;
  }

  private double deduction(int bracket, boolean initial) {
    Checks.require(bracket >= 0 && bracket < tiers.size(), "bracket",
        "must be in [0, " + (tiers.size() - 1) + "], got " + bracket);
    double cum = 0;
    for (int i = 1; i <= bracket; i++) {
      cum += tiers.get(i - 1).upToUsd() * (rate(i, initial) - rate(i - 1, initial));
    }
    return cum;
  }

  private double rate(int i, boolean initial) {
    return initial ? tiers.get(i).initialRate() : tiers.get(i).maintenanceRate();
  }

  private double sliced(double notionalUsd, boolean initial, boolean extraOnly) {
    Checks.nonNegative(notionalUsd, "notional_usd");
    double base = extraOnly ? rate(0, initial) : 0;
    double total = 0;
    double lower = 0;
    for (int i = 0; i < tiers.size() && notionalUsd > lower; i++) {
      double upper = tiers.get(i).upToUsd();
      total += (Math.min(notionalUsd, upper) - lower) * (rate(i, initial) - base);
      lower = upper;
    }
    return total;
  }
}
