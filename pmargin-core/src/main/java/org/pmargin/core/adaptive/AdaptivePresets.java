package org.pmargin.core.adaptive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pmargin.core.backtest.BacktestResult;
import org.pmargin.core.stats.BacktestStatistics;
import org.pmargin.core.stats.RollingTrafficLight;
import org.pmargin.core.validation.Checks;

/**
 * The rule that decides, from the side-by-side table, whether an adaptive model is offered as a preset for an
 * underlying: its coverage must be no worse than the static model's and it must be better on capital efficiency or
 * on procyclicality.
 *
 * <p>Coverage no worse: the whole period's zone and the worst rolling 250-day Basel zone no worse than the static
 * model's, and Kupiec's and the conditional coverage p-values each either at least 5% or at least the static's.
 * Capital efficiency: a lower average margin. Procyclicality: a lower largest 5-day rise and a lower peak-to-trough
 * ratio. Stateless.
 */
public final class AdaptivePresets {

  /** The significance the p-values are read at. */
  public static final double SIGNIFICANCE = 0.05;
  /** The relative difference below which two measures tie. */
  private static final double TIE = 1e-9;

  private AdaptivePresets() {
  }

  /**
   * The verdict on one comparison.
   *
   * @param model  the adaptive model
   * @param coverageNoWorse  whether its coverage is no worse
   * @param cheaper  whether its average margin is lower
   * @param lessProcyclical  whether its largest 5-day rise and peak-to-trough are both lower
   * @param wins  the measures it is better on
   * @param losses  the measures it is worse on
   */
  public record Verdict(String model, boolean coverageNoWorse, boolean cheaper, boolean lessProcyclical,
      List<String> wins, List<String> losses) {

    /** Whether the model is offered as a preset: coverage no worse, and cheaper or less procyclical. */
    public boolean offered() {
      return coverageNoWorse && (cheaper || lessProcyclical);
    }
  }

  /** Judges one comparison. */
  public static Verdict judge(AdaptiveComparison.Comparison c) {
    Checks.notNull(c, "comparison");
    BacktestResult s = c.statik().result();
    BacktestResult a = c.adaptive().result();
    Procyclicality ps = c.statik().procyclicality();
    Procyclicality pa = c.adaptive().procyclicality();
    List<String> wins = new ArrayList<>();
    List<String> losses = new ArrayList<>();
    compare("exceptions", a.exceptions(), s.exceptions(), wins, losses);
    boolean zone = a.zone().compareTo(s.zone()) <= 0;
    if (!zone) {
      losses.add("zone");
    }
    Optional<RollingTrafficLight> rs = s.rollingZone();
    Optional<RollingTrafficLight> ra = a.rollingZone();
    boolean rolling = rs.isEmpty() || ra.isEmpty() || ra.get().worst().compareTo(rs.get().worst()) <= 0;
    if (!rolling) {
      losses.add("worst 250d zone");
    }
    boolean kupiec = pOk(a.kupiec(), s.kupiec());
    if (!kupiec) {
      losses.add("Kupiec p");
    }
    boolean cc = pOk(a.conditionalCoverage(), s.conditionalCoverage());
    if (!cc) {
      losses.add("CC p");
    }
    compare("average margin", a.averageMargin(), s.averageMargin(), wins, losses);
    compare("largest 1d rise", pa.maxOneDayIncrease(), ps.maxOneDayIncrease(), wins, losses);
    compare("largest 5d rise", pa.maxFiveDayIncrease(), ps.maxFiveDayIncrease(), wins, losses);
    compare("peak/trough", pa.peakToTrough(), ps.peakToTrough(), wins, losses);
    boolean cheaper = lower(a.averageMargin(), s.averageMargin());
    boolean calmer = lower(pa.maxFiveDayIncrease(), ps.maxFiveDayIncrease()) && lower(pa.peakToTrough(),
        ps.peakToTrough());
    return new Verdict(c.model(), zone && rolling && kupiec && cc, cheaper, calmer, List.copyOf(wins),
        List.copyOf(losses));
  }

  private static boolean pOk(BacktestStatistics.LikelihoodRatio a, BacktestStatistics.LikelihoodRatio s) {
    return a.pValue() >= SIGNIFICANCE || a.pValue() >= s.pValue();
  }

  /** Lower is better: adds the measure to wins or losses (ties, within rounding, to neither). */
  private static void compare(String what, double adaptive, double statik, List<String> wins, List<String> losses) {
    if (lower(adaptive, statik)) {
      wins.add(what);
    } else if (lower(statik, adaptive)) {
      losses.add(what);
    }
  }

  /** Whether a is below b by more than rounding (a relative 1e-9): a scaled copy of a record ties with it. */
  private static boolean lower(double a, double b) {
    return a < b - TIE * Math.max(Math.abs(a), Math.abs(b));
  }
}
