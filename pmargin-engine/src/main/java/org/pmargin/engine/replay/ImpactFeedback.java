package org.pmargin.engine.replay;

import java.time.Duration;
import org.pmargin.core.validation.Checks;

/**
 * How a replay feeds its liquidations' market impact back into the marks everyone is margined on, so a cascade can
 * feed on itself. Each snapshot's net liquidation flow F per underlying (signed cash delta traded, USD: selling is
 * negative) moves that underlying's index, perpetual mark and forwards at the following snapshots by a log shift of
 * two parts:
 * <ul>
 *   <li><b>transient</b>: the square-root impact the liquidity model charges, sign(F)·k·σ·√(|F|/V) (k, σ daily and
 *   V daily USD volume of {@link org.pmargin.engine.liquidation.EngineLiquidity}), decaying exponentially with
 *   {@code halfLife} (impact relaxes after a metaorder: Bouchaud et al. 2004, Moro et al. 2009);</li>
 *   <li><b>permanent</b>: Almgren, Thum, Hauptmann and Li (2005), "Direct estimation of equity market impact":
 *   permanent impact linear in the traded size, γ·σ·F/V with γ = 0.314 (their turnover factor (Θ/V)^¼ set to 1:
 *   coins have no shares outstanding). Linear, so it does not depend on how the flow is chunked into snapshots, and
 *   it never decays.</li>
 * </ul>
 * The shift of one snapshot is capped at ±{@link #MAX_LOG_SHIFT} (a sanity bound, never reached with real volumes).
 * {@code flowScale} multiplies the flow before the impact: a synthetic population of a few thousand accounts is a
 * small sample of a venue, and scale X lets it stand for a venue X times its size (1: the population as it is).
 *
 * @param enabled  whether the feedback is on
 * @param permanentGamma  γ of the permanent part, ≥ 0
 * @param halfLife  the transient part's half-life, &gt; 0
 * @param flowScale  the multiple of the population's flow that moves the market, in (0, 1e6]
 */
public record ImpactFeedback(boolean enabled, double permanentGamma, Duration halfLife, double flowScale) {

  /** The largest log shift one snapshot's flow may cause. */
  public static final double MAX_LOG_SHIFT = 0.5;

  /** Validates. */
  public ImpactFeedback {
    Checks.nonNegative(permanentGamma, "impact_permanent_gamma");
    Checks.notNull(halfLife, "impact_half_life");
    Checks.require(halfLife.isPositive(), "impact_half_life", "must be > 0, got " + halfLife);
    Checks.require(flowScale > 0 && flowScale <= 1e6, "impact_scale", "must be in (0, 1e6], got " + flowScale);
  }

  /** The feedback on: γ = 0.314 (Almgren et al. 2005), transient half-life 2 hours. */
  public static ImpactFeedback defaults() {
    return new ImpactFeedback(true, 0.314, Duration.ofHours(2), 1);
  }

  /** No feedback: the marks are the oracle's. */
  public static ImpactFeedback off() {
    return new ImpactFeedback(false, 0.314, Duration.ofHours(2), 1);
  }

  /** A copy with another half-life. */
  public ImpactFeedback withHalfLife(Duration value) {
    return new ImpactFeedback(enabled, permanentGamma, value, flowScale);
  }

  /** A copy with another flow scale. */
  public ImpactFeedback withFlowScale(double value) {
    return new ImpactFeedback(enabled, permanentGamma, halfLife, value);
  }
}
