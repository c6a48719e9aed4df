package org.pmargin.core.margin.grid;

import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The parameters of a scenario-grid portfolio margin: the price and vol scenarios, the extended (tail) table, and the
 * charges added to the worst loss. Presets reproduce published methodologies ({@link #deribit()}); every field is
 * settable through the risk-parameter file.
 *
 * <p>Per pool and underlying, the risk-matrix margin is max(worst standard loss, worst extended loss) + roll shock +
 * delta shock, raised to the short-option minimum if that is larger; a unified pool then subtracts the
 * inter-underlying credits. IM = {@code imFactor} × that, MM = {@code mmFactor} × that.
 *
 * @param name  the preset's name
 * @param view  per settlement currency (Deribit S:PM) or unified USD (X:PM)
 * @param priceRange  the largest standard move, e.g. 0.16 for ±16%
 * @param stepsPerSide  standard moves per side, evenly spaced (4: ±4, 8, 12, 16%)
 * @param vol  the vol legs
 * @param extendedMoves  tail moves, evaluated with vol up only (empty for none)
 * @param extendedFactor  options count at extendedFactor·priceRange/|move| of their tail P&L
 * @param annualisedMoveRisk  roll shock: the annual basis move charged on futures and perpetuals (0.075)
 * @param minAnnualisedMove  roll shock floor, as a fraction of the position (0.01)
 * @param maxDeltaShock  cap of the delta (liquidity) shock (0.10)
 * @param deltaShockThresholdUsd  net cash delta of a pair above which the delta shock starts (20,000,000)
 * @param deltaShockPerMillion  extra shock per million USD of net cash delta above the threshold (0.00005)
 * @param shortOptionMinimum  SPAN's short-option minimum: fraction of underlying value per net short option of an
 *     underlying (short options less long ones, in coins), 0 for none; a spread's covered short leg is not charged,
 *     so a defined-risk spread never needs more than its maximum loss
 * @param offsets  partial credits between underlyings in a unified pool
 * @param imFactor  IM multiple of the risk-matrix margin (1.0)
 * @param mmFactor  MM multiple of the risk-matrix margin (Deribit 0.8)
 * @param haircuts  collateral haircuts of the unified view
 */
public record GridParameters(String name, MarginView view, double priceRange, int stepsPerSide,
    VolShockParameters vol, List<Double> extendedMoves, double extendedFactor, double annualisedMoveRisk,
    double minAnnualisedMove, double maxDeltaShock, double deltaShockThresholdUsd, double deltaShockPerMillion,
    double shortOptionMinimum, List<UnderlyingOffset> offsets, double imFactor, double mmFactor,
    HaircutSchedule haircuts) {

  /** Validates every field. */
  public GridParameters {
    Checks.notBlank(name, "name");
    Checks.notNull(view, "view");
    Checks.require(priceRange > 0 && priceRange < 1, "price_range", "must be in (0, 1), got " + priceRange);
    Checks.require(stepsPerSide >= 1 && stepsPerSide <= 100, "steps_per_side",
        "must be in [1, 100], got " + stepsPerSide);
    Checks.notNull(vol, "vol");
    Checks.notNull(extendedMoves, "extended_moves");
    for (int i = 0; i < extendedMoves.size(); i++) {
      double m = Checks.notNull(extendedMoves.get(i), "extended_moves[" + i + "]");
      Checks.require(m > -1 && Double.isFinite(m), "extended_moves[" + i + "]",
          "must be a finite move > -1, got " + m);
      Checks.require(Math.abs(m) > priceRange, "extended_moves[" + i + "]",
          "must lie beyond the standard range ±" + priceRange + ", got " + m);
    }
    extendedMoves = List.copyOf(extendedMoves);
    Checks.inRange(extendedFactor, 0, 1, "extended_factor");
    Checks.nonNegative(annualisedMoveRisk, "annualised_move_risk");
    Checks.nonNegative(minAnnualisedMove, "min_annualised_move");
    Checks.inRange(maxDeltaShock, 0, 1, "max_delta_shock");
    Checks.nonNegative(deltaShockThresholdUsd, "delta_shock_threshold_usd");
    Checks.nonNegative(deltaShockPerMillion, "delta_shock_per_million");
    Checks.inRange(shortOptionMinimum, 0, 1, "short_option_minimum");
    Checks.notNull(offsets, "offsets");
    offsets = List.copyOf(offsets);
    if (!offsets.isEmpty() && view != MarginView.UNIFIED_USD) {
      throw new InvalidInputException("offsets", "inter-underlying credits apply to the unified USD view only");
    }
    Checks.positive(imFactor, "im_factor");
    Checks.positive(mmFactor, "mm_factor");
    Checks.require(mmFactor <= imFactor, "mm_factor", "must not exceed im_factor " + imFactor + ", got " + mmFactor);
    Checks.notNull(haircuts, "haircuts");
  }

  /**
   * Deribit's portfolio margin (S:PM), as published (shared METHODOLOGY §1c): ±16% in 4 steps per side × vol
   * up/unchanged/down with up 50%, down 25%, powers 0.30/0.13 around 30 days, up floor 50 vol; the extended table
   * −66 … +500% at vol up with options at 0.16/|move|; roll shock 7.5%/year with a 1% floor; delta shock above
   * 20 M USD capped at 10%; MM = 0.8 × the risk-matrix margin; one pool per settlement currency. The dampener is not
   * public: this preset applies none, and reports the extended table as its own component.
   */
  public static GridParameters deribit() {
    return new GridParameters("deribit", MarginView.PER_SETTLEMENT_CURRENCY, 0.16, 4,
        new VolShockParameters(0.5, 0.25, 0.30, 0.13, 30, 1, 0.5), deribitExtended(), 1.0, 0.075, 0.01, 0.10,
        20_000_000, 0.00005, 0.0, List.of(), 1.0, 0.8, HaircutSchedule.standard());
  }

  /** Deribit's cross-collateral portfolio margin (X:PM): the {@link #deribit()} grid in one haircut USD pool. */
  public static GridParameters deribitUnified() {
    GridParameters d = deribit();
    return new GridParameters("deribit-unified", MarginView.UNIFIED_USD, d.priceRange, d.stepsPerSide, d.vol,
        d.extendedMoves, d.extendedFactor, d.annualisedMoveRisk, d.minAnnualisedMove, d.maxDeltaShock,
        d.deltaShockThresholdUsd, d.deltaShockPerMillion, d.shortOptionMinimum, List.of(), d.imFactor, d.mmFactor,
        d.haircuts);
  }

  /**
   * The project's default grid: Deribit's scenarios in a unified USD account, plus what a cross-underlying book
   * needs and Deribit's segregated pools never had to give: a BTC/ETH credit of 30% of the joint-move hedge
   * benefit (the two moved together in most crashes, but not in all: see docs/METHODOLOGY.md), and a short-option
   * minimum of 1% of underlying value per net short option so a far out-of-the-money naked short is never free.
   */
  public static GridParameters standard() {
    GridParameters d = deribit();
    return new GridParameters("default", MarginView.UNIFIED_USD, d.priceRange, d.stepsPerSide, d.vol,
        d.extendedMoves, d.extendedFactor, d.annualisedMoveRisk, d.minAnnualisedMove, d.maxDeltaShock,
        d.deltaShockThresholdUsd, d.deltaShockPerMillion, 0.01,
        List.of(new UnderlyingOffset(org.pmargin.core.instrument.Asset.BTC, org.pmargin.core.instrument.Asset.ETH,
            0.3)), d.imFactor, d.mmFactor, d.haircuts);
  }

  private static List<Double> deribitExtended() {
    return List.of(-0.66, -0.33, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0);
  }

  /** The standard scenarios: every move × every vol leg, moves ascending, vol legs unchanged, up, down. */
  public List<GridScenario> standardScenarios() {
    List<GridScenario> out = new ArrayList<>();
    for (int i = -stepsPerSide; i <= stepsPerSide; i++) {
      double move = priceRange * i / stepsPerSide;
      for (VolDirection d : VolDirection.values()) {
        out.add(new GridScenario(move, d, false, 1.0));
      }
    }
    return out;
  }

  /** The extended scenarios: each tail move at vol up, options at extendedFactor·priceRange/|move|. */
  public List<GridScenario> extendedScenarios() {
    List<GridScenario> out = new ArrayList<>();
    for (double m : extendedMoves) {
      out.add(new GridScenario(m, VolDirection.UP, true, Math.min(1.0, extendedFactor * priceRange / Math.abs(m))));
    }
    return out;
  }
}
