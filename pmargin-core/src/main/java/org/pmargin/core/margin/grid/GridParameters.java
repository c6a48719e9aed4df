package org.pmargin.core.margin.grid;

import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The parameters of a scenario-grid portfolio margin: the price and vol scenarios, the extended (tail) table, and the
 * charges added to the worst loss. Presets reproduce published methodologies ({@link #deribit()}, {@link #paradex()},
 * {@link #span()}); every field is settable through the risk-parameter file ({@link #toBuilder()}).
 *
 * <p>Per pool and underlying, the risk-matrix margin is max(worst standard loss, worst extended loss) + roll shock +
 * delta shock, raised to the short-option minimum and to the delta floor if either is larger; a unified pool then
 * subtracts the inter-underlying credits. IM = {@code imFactor} × that + the funding provision, MM =
 * {@code mmFactor} × that + the funding provision.
 *
 * @param name  the preset's name
 * @param view  per settlement currency (Deribit S:PM) or unified USD (X:PM)
 * @param priceRange  the largest standard move, e.g. 0.16 for ±16%
 * @param stepsPerSide  standard moves per side, evenly spaced (4: ±4, 8, 12, 16%)
 * @param volLegs  the vol legs crossed with every move (Deribit: unchanged, up, down; SPAN: up, down)
 * @param vol  the vol shocks
 * @param extendedMoves  tail moves, evaluated at the vol leg of {@code extendedMode} (empty for none)
 * @param extendedFactor  the tail weight factor (see {@code extendedMode})
 * @param extendedMode  how tail P&L counts
 * @param annualisedMoveRisk  roll shock: the annual basis move charged on futures and perpetuals (0.075)
 * @param minAnnualisedMove  roll shock floor, as a fraction of the position (0.01)
 * @param maxDeltaShock  cap of the delta (liquidity) shock (0.10)
 * @param deltaShockThresholdUsd  net cash delta of a pair above which the delta shock starts (20,000,000)
 * @param deltaShockPerMillion  extra shock per million USD of net cash delta above the threshold (0.00005)
 * @param shortOptionMinimum  SPAN's short-option minimum: fraction of underlying value per net short option of an
 *     underlying (short options less long ones, in coins), 0 for none; a spread's covered short leg is not charged,
 *     so a defined-risk spread never needs more than its maximum loss
 * @param netDeltaFloor  Paradex's minimum delta requirement: fraction of |net delta| × index (0 for none)
 * @param hedgedDeltaFloor  and fraction of the hedged (offset) delta × index
 * @param fundingProvision  whether to add the funding the perpetuals would pay over the next 8 hours (Paradex)
 * @param offsets  partial credits between underlyings in a unified pool
 * @param imFactor  IM multiple of the risk-matrix margin (1.0)
 * @param mmFactor  MM multiple of the risk-matrix margin (Deribit 0.8)
 * @param haircuts  collateral haircuts of the unified view
 * @param settlementBasis  in a unified pool, the depeg of a stablecoin that settles positions: in each standard
 *     scenario the P&L paid in it counts (1 − this) of its USD value, and the worst such scenario beyond the worst loss
 *     is charged ({@code settlement_basis:X}); in [0, 1] (default 0.10: the stress library's USDT to 0.90; USDC's
 *     low was 0.87 in March 2023)
 */
public record GridParameters(String name, MarginView view, double priceRange, int stepsPerSide,
    List<VolDirection> volLegs, VolShockParameters vol, List<Double> extendedMoves, double extendedFactor,
    ExtendedMode extendedMode, double annualisedMoveRisk, double minAnnualisedMove, double maxDeltaShock,
    double deltaShockThresholdUsd, double deltaShockPerMillion, double shortOptionMinimum, double netDeltaFloor,
    double hedgedDeltaFloor, boolean fundingProvision, List<UnderlyingOffset> offsets, double imFactor,
    double mmFactor, HaircutSchedule haircuts, double settlementBasis) {

  /** Validates every field. */
  public GridParameters {
    Checks.notBlank(name, "name");
    Checks.inRange(settlementBasis, 0, 1, "settlement_basis");
    Checks.notNull(view, "view");
    Checks.require(priceRange > 0 && priceRange < 1, "price_range", "must be in (0, 1), got " + priceRange);
    Checks.require(stepsPerSide >= 1 && stepsPerSide <= 100, "steps_per_side",
        "must be in [1, 100], got " + stepsPerSide);
    Checks.notNull(volLegs, "vol_legs");
    Checks.require(!volLegs.isEmpty() && volLegs.stream().distinct().count() == volLegs.size(), "vol_legs",
        "must list one or more distinct vol legs, got " + volLegs);
    volLegs = List.copyOf(volLegs);
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
    Checks.notNull(extendedMode, "extended_mode");
    Checks.nonNegative(annualisedMoveRisk, "annualised_move_risk");
    Checks.nonNegative(minAnnualisedMove, "min_annualised_move");
    Checks.inRange(maxDeltaShock, 0, 1, "max_delta_shock");
    Checks.nonNegative(deltaShockThresholdUsd, "delta_shock_threshold_usd");
    Checks.nonNegative(deltaShockPerMillion, "delta_shock_per_million");
    Checks.inRange(shortOptionMinimum, 0, 1, "short_option_minimum");
    Checks.inRange(netDeltaFloor, 0, 1, "net_delta_floor");
    Checks.inRange(hedgedDeltaFloor, 0, 1, "hedged_delta_floor");
    Checks.notNull(offsets, "offsets");
    offsets = List.copyOf(offsets);
    if (!offsets.isEmpty() && view != MarginView.UNIFIED_USD) {
      throw new InvalidInputException("offsets", "inter-underlying credits apply to the unified USD view only");
    }
    Checks.positive(imFactor, "im_factor");
    Checks.positive(mmFactor, "mm_factor");
    Checks.require(imFactor <= 100, "im_factor", "must be at most 100 (an absurd multiple), got " + imFactor);
    Checks.require(mmFactor <= imFactor, "mm_factor", "must not exceed im_factor " + imFactor + ", got " + mmFactor);
    Checks.notNull(haircuts, "haircuts");
  }

  /**
   * Deribit's portfolio margin (S:PM), as published (shared METHODOLOGY §1c): ±16% in 4 steps per side × vol
   * unchanged/up/down with up 50%, down 25%, powers 0.30/0.13 around 30 days, up floor 50 vol; the extended table
   * −66 … +500% at vol up with options at 0.16/|move| and delta-one at the ±16% edge; roll shock 7.5%/year with a 1%
   * floor; delta shock above 20 M USD capped at 10%; MM = 0.8 × the risk-matrix margin; one pool per settlement
   * currency. The dampener is not public: this preset applies none, and reports the extended table as its own
   * component.
   */
  public static GridParameters deribit() {
    return new Builder().name("deribit").build();
  }

  /** Deribit's cross-collateral portfolio margin (X:PM): the {@link #deribit()} grid in one haircut USD pool. */
  public static GridParameters deribitUnified() {
    return deribit().toBuilder().name("deribit-unified").view(MarginView.UNIFIED_USD).build();
  }

  /**
   * The project's default grid: Deribit's scenarios in a unified USD account, plus what a cross-underlying book
   * needs and Deribit's segregated pools never had to give: a BTC/ETH credit of 30% of the joint-move hedge
   * benefit (the two moved together in most crashes, but not in all: see docs/METHODOLOGY.md), and a short-option
   * minimum of 1% of underlying value per net short option so a far out-of-the-money naked short is never free.
   */
  public static GridParameters standard() {
    return deribit().toBuilder().name("default").view(MarginView.UNIFIED_USD).shortOptionMinimum(0.01)
        .offsets(List.of(new UnderlyingOffset(Asset.BTC, Asset.ETH, 0.3))).build();
  }

  /**
   * Paradex's portfolio margin (shared METHODOLOGY §1f), USDC-margined: ±4/8/12/16% × vol +40%/−22% (and
   * unchanged) with powers 0.30/0.13 around 30 days; extended moves −66 … +500% at vol up where every exposure
   * counts at 0.16/|move|; IMR = max(scan, 2%·|net delta| + 1%·hedged delta, in USD) + the funding provision;
   * MMR = 50% of the scan part + the provision. No roll or delta shock is published; the fee provision is left out
   * (fees are the venue's, not a risk).
   */
  public static GridParameters paradex() {
    return deribit().toBuilder().name("paradex").view(MarginView.UNIFIED_USD)
        .vol(new VolShockParameters(0.40, 0.22, 0.30, 0.13, 30, 1, 0.0)).extendedMode(ExtendedMode.ALL_SCALED)
        .annualisedMoveRisk(0).minAnnualisedMove(0).maxDeltaShock(0).netDeltaFloor(0.02).hedgedDeltaFloor(0.01)
        .fundingProvision(true).mmFactor(0.5).build();
  }

  /**
   * SPAN's 16 scenarios with crypto parameters of our choosing (no crypto SPAN parameters are published; shared
   * METHODOLOGY §8): price scan range 16% in thirds × vol scan range ±25% relative (up and down legs only, scenarios
   * 1-14), and scenarios 15 and 16 as CME's standard risk array defines them: the price up and down 3 × the scan
   * range (±48%) with vols unchanged, 35% of the loss counted for every position; a short-option minimum of 1% of
   * underlying value per net short option, the roll shock standing in for SPAN's intra-commodity (calendar) spread
   * charge, a 30% BTC/ETH inter-commodity credit, MM = the SPAN risk and IM = 1.1 × it (CME's speculator ratio).
   * SPAN's one-day look-ahead is not applied (a day of theta is small beside the scan range).
   */
  public static GridParameters span() {
    return deribit().toBuilder().name("span").view(MarginView.UNIFIED_USD).stepsPerSide(3)
        .volLegs(List.of(VolDirection.UP, VolDirection.DOWN))
        .vol(new VolShockParameters(0.25, 0.25, 0, 0, 30, 1, 0.0)).extendedMoves(List.of(-0.48, 0.48))
        .extendedFactor(0.35).extendedMode(ExtendedMode.ALL_FIXED).maxDeltaShock(0).shortOptionMinimum(0.01)
        .offsets(List.of(new UnderlyingOffset(Asset.BTC, Asset.ETH, 0.3))).imFactor(1.1).mmFactor(1.0).build();
  }

  /** A builder holding these parameters, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.view = view;
    b.priceRange = priceRange;
    b.stepsPerSide = stepsPerSide;
    b.volLegs = volLegs;
    b.vol = vol;
    b.extendedMoves = extendedMoves;
    b.extendedFactor = extendedFactor;
    b.extendedMode = extendedMode;
    b.annualisedMoveRisk = annualisedMoveRisk;
    b.minAnnualisedMove = minAnnualisedMove;
    b.maxDeltaShock = maxDeltaShock;
    b.deltaShockThresholdUsd = deltaShockThresholdUsd;
    b.deltaShockPerMillion = deltaShockPerMillion;
    b.shortOptionMinimum = shortOptionMinimum;
    b.netDeltaFloor = netDeltaFloor;
    b.hedgedDeltaFloor = hedgedDeltaFloor;
    b.fundingProvision = fundingProvision;
    b.offsets = offsets;
    b.imFactor = imFactor;
    b.mmFactor = mmFactor;
    b.haircuts = haircuts;
    b.settlementBasis = settlementBasis;
    return b;
  }

  /** Builds {@link GridParameters}; starts from the {@link #deribit()} values. Validation happens in build(). */
  public static final class Builder {
    private String name = "deribit";
    private MarginView view = MarginView.PER_SETTLEMENT_CURRENCY;
    private double priceRange = 0.16;
    private int stepsPerSide = 4;
    private List<VolDirection> volLegs = List.of(VolDirection.UNCHANGED, VolDirection.UP, VolDirection.DOWN);
    private VolShockParameters vol = new VolShockParameters(0.5, 0.25, 0.30, 0.13, 30, 1, 0.5);
    private List<Double> extendedMoves = List.of(-0.66, -0.33, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0);
    private double extendedFactor = 1.0;
    private ExtendedMode extendedMode = ExtendedMode.DELTA_ONE_AT_EDGE;
    private double annualisedMoveRisk = 0.075;
    private double minAnnualisedMove = 0.01;
    private double maxDeltaShock = 0.10;
    private double deltaShockThresholdUsd = 20_000_000;
    private double deltaShockPerMillion = 0.00005;
    private double shortOptionMinimum = 0;
    private double netDeltaFloor = 0;
    private double hedgedDeltaFloor = 0;
    private boolean fundingProvision = false;
    private double settlementBasis = 0.10;
    private List<UnderlyingOffset> offsets = List.of();
    private double imFactor = 1.0;
    private double mmFactor = 0.8;
    private HaircutSchedule haircuts = HaircutSchedule.standard();

    /** Sets the name. */
    public Builder name(String v) { name = v; return this; }
    /** Sets the view. */
    public Builder view(MarginView v) { view = v; return this; }
    /** Sets the price range. */
    public Builder priceRange(double v) { priceRange = v; return this; }
    /** Sets the steps per side. */
    public Builder stepsPerSide(int v) { stepsPerSide = v; return this; }
    /** Sets the vol legs. */
    public Builder volLegs(List<VolDirection> v) { volLegs = v; return this; }
    /** Sets the vol shocks. */
    public Builder vol(VolShockParameters v) { vol = v; return this; }
    /** Sets the extended moves. */
    public Builder extendedMoves(List<Double> v) { extendedMoves = v; return this; }
    /** Sets the extended factor. */
    public Builder extendedFactor(double v) { extendedFactor = v; return this; }
    /** Sets the extended mode. */
    public Builder extendedMode(ExtendedMode v) { extendedMode = v; return this; }
    /** Sets the annualised move risk. */
    public Builder annualisedMoveRisk(double v) { annualisedMoveRisk = v; return this; }
    /** Sets the roll floor. */
    public Builder minAnnualisedMove(double v) { minAnnualisedMove = v; return this; }
    /** Sets the delta shock cap. */
    public Builder maxDeltaShock(double v) { maxDeltaShock = v; return this; }
    /** Sets the delta shock threshold. */
    public Builder deltaShockThresholdUsd(double v) { deltaShockThresholdUsd = v; return this; }
    /** Sets the delta shock slope. */
    public Builder deltaShockPerMillion(double v) { deltaShockPerMillion = v; return this; }
    /** Sets the short-option minimum. */
    public Builder shortOptionMinimum(double v) { shortOptionMinimum = v; return this; }
    /** Sets the net delta floor. */
    public Builder netDeltaFloor(double v) { netDeltaFloor = v; return this; }
    /** Sets the hedged delta floor. */
    public Builder hedgedDeltaFloor(double v) { hedgedDeltaFloor = v; return this; }
    /** Sets the funding provision. */
    public Builder fundingProvision(boolean v) { fundingProvision = v; return this; }
    /** Sets the offsets. */
    public Builder offsets(List<UnderlyingOffset> v) { offsets = v; return this; }
    /** Sets the IM factor. */
    public Builder imFactor(double v) { imFactor = v; return this; }
    /** Sets the MM factor. */
    public Builder mmFactor(double v) { mmFactor = v; return this; }
    /** Sets the haircuts. */
    public Builder haircuts(HaircutSchedule v) { haircuts = v; return this; }

    /** Sets the charge on a delta hedged across settlement currencies (unified pools). */
    public Builder settlementBasis(double v) { settlementBasis = v; return this; }

    /** Validates and builds. */
    public GridParameters build() {
      return new GridParameters(name, view, priceRange, stepsPerSide, volLegs, vol, extendedMoves, extendedFactor,
          extendedMode, annualisedMoveRisk, minAnnualisedMove, maxDeltaShock, deltaShockThresholdUsd,
          deltaShockPerMillion, shortOptionMinimum, netDeltaFloor, hedgedDeltaFloor, fundingProvision, offsets,
          imFactor, mmFactor, haircuts, settlementBasis);
    }
  }

  /** The standard scenarios: every move × every vol leg, moves ascending, vol legs in the order given. */
  public List<GridScenario> standardScenarios() {
    List<GridScenario> out = new ArrayList<>();
    for (int i = -stepsPerSide; i <= stepsPerSide; i++) {
      double move = priceRange * i / stepsPerSide;
      for (VolDirection d : volLegs) {
        out.add(new GridScenario(move, d, false, 1.0));
      }
    }
    return out;
  }

  /** The extended scenarios: each tail move at its mode's vol leg ({@link ExtendedMode#volLeg()}), with its weight. */
  public List<GridScenario> extendedScenarios() {
    List<GridScenario> out = new ArrayList<>();
    for (double m : extendedMoves) {
      double weight = extendedMode == ExtendedMode.ALL_FIXED ? extendedFactor
          : Math.min(1.0, extendedFactor * priceRange / Math.abs(m));
      out.add(new GridScenario(m, extendedMode.volLeg(), true, weight));
    }
    return out;
  }
}
