package org.pmargin.core.margin.derive;

import java.util.List;
import java.util.Optional;

/**
 * The full answer of the Derive PM2 rules for one subaccount ({@link DeriveModel#evaluate}): Derive's signed surpluses,
 * the requirements they convert to, and every intermediate number the rules produce.
 *
 * <p>Derive outputs surpluses: MM = mmFactor·minSPAN − MMc + MtM + cash and IM = f_IM·minSPAN − IMc − MMc + MtM + cash,
 * where minSPAN = min(basis contingency, every scenario's P&amp;L) ≤ 0 and f_IM = imFactor + peg add-on. The
 * requirement engine converts them as §11 says: R = MtM + cash − surplus, i.e. R_MM = −mmFactor·minSPAN + MMc and
 * R_IM = −f_IM·minSPAN + MMc + IMc, never negative. A subaccount is liquidatable when the MM surplus is below 0 and
 * may not add risk when the IM surplus is.
 *
 * @param markToMarket  MtM: the options' discounted value, the perp's unrealised P&amp;L and funding, and the
 *     collateral's value in cash units (cash excluded)
 * @param cash  the cash balance
 * @param optionMtm  the options' part of the MtM
 * @param perpMtm  the perp's part (unrealised P&amp;L plus funding)
 * @param collateralMtm  the collateral's part
 * @param scenarioPnls  each scenario's P&amp;L, in the parameters' order
 * @param basisContingency  the basis contingency B ≤ 0
 * @param worstScenario  the index of the worst scenario, or −1 when the basis contingency is the worst-loss
 *     candidate (it wins ties, as in PMRMLib_2, and among scenarios the first wins)
 * @param minSpan  the worst loss min(B, min_j P_j) ≤ 0
 * @param worstWithoutStaticDiscount  the worst candidate's P&amp;L recomputed with every static discount at 1: the
 *     difference to {@code minSpan} is the static discount's effect (0 for the basis contingency)
 * @param mmFactor  the MM factor on the worst loss
 * @param imFactor  the IM factor on the worst loss including the peg add-on
 * @param pegAddOn  max(0, pegLossThreshold − stable price)·pegLossFactor, included in {@code imFactor}
 * @param mmPerp  perp MM contingency
 * @param imPerp  perp IM extra
 * @param mmOption  naked-short MM contingency
 * @param imOption  naked-short IM extra
 * @param mmCollateral  collateral MM contingency
 * @param imCollateral  collateral IM extra
 * @param oracle  oracle-confidence contingency (IM only)
 * @param maintenanceSurplus  Derive's MM
 * @param initialSurplus  Derive's IM
 * @param expiries  per-expiry details, in the portfolio's order
 * @param positions  each holding's P&amp;L in the worst candidate (perp, options, collateral)
 */
public record DeriveMargin(double markToMarket, double cash, double optionMtm, double perpMtm, double collateralMtm,
    List<Double> scenarioPnls, double basisContingency, int worstScenario, double minSpan,
    double worstWithoutStaticDiscount, double mmFactor, double imFactor, double pegAddOn, double mmPerp,
    double imPerp, double mmOption, double imOption, double mmCollateral, double imCollateral, double oracle,
    double maintenanceSurplus, double initialSurplus, List<ExpiryDetail> expiries, List<PositionPnl> positions) {

  /** Copies the lists. */
  public DeriveMargin {
    scenarioPnls = List.copyOf(scenarioPnls);
    expiries = List.copyOf(expiries);
    positions = List.copyOf(positions);
  }

  /** True when the basis contingency is the worst-loss candidate. */
  public boolean basisIsWorst() {
    return worstScenario < 0;
  }

  /** The MM contingencies MMc: perp, naked shorts, collateral. */
  public double maintenanceContingency() {
    return mmPerp + mmOption + mmCollateral;
  }

  /** The IM-only contingencies IMc: perp and naked-short extras, collateral extra, oracle. */
  public double initialContingency() {
    return imPerp + imOption + imCollateral + oracle;
  }

  /** The maintenance requirement R_MM = MtM + cash − MM surplus = −mmFactor·minSPAN + MMc ≥ 0. */
  public double maintenanceRequirement() {
    return -mmFactor * minSpan + maintenanceContingency();
  }

  /** The initial requirement R_IM = MtM + cash − IM surplus = −f_IM·minSPAN + MMc + IMc ≥ 0. */
  public double initialRequirement() {
    return -imFactor * minSpan + maintenanceContingency() + initialContingency();
  }

  /** The worst candidate's description: the scenario's shock, or the basis contingency. */
  public String worstDescription(DeriveParameters parameters) {
    return worstScenario < 0 ? "basis contingency" : parameters.scenarios().get(worstScenario).describe();
  }

  /** The worst scenario, empty when the basis contingency is the worst-loss candidate. */
  public Optional<DeriveScenario> worst(DeriveParameters parameters) {
    return worstScenario < 0 ? Optional.empty() : Optional.of(parameters.scenarios().get(worstScenario));
  }

  /**
   * One expiry's numbers.
   *
   * @param secondsToExpiry  seconds to expiry
   * @param mtm  its discounted value V
   * @param basis  its basis-contingency term min(V(up) − V, V(down) − V, 0)·(add + mult·T)
   * @param volUp  its vol-up multiplier
   * @param volDown  its vol-down multiplier
   * @param discountPositive  the static discount ρ for a positive shocked value
   * @param discountNegative  the static discount ρ for a negative shocked value
   * @param nakedShorts  its naked short count, netted per strike over calls and puts
   * @param confidence  its minimum confidence (spot, perp if held, forward, rate, vols)
   * @param oracle  its oracle contingency
   */
  public record ExpiryDetail(long secondsToExpiry, double mtm, double basis, double volUp, double volDown,
      double discountPositive, double discountNegative, double nakedShorts, double confidence, double oracle) {
  }

  /**
   * A holding's P&amp;L in the worst candidate.
   *
   * @param label  the holding's label
   * @param pnl  its P&amp;L (dampened, static discount and skew sign included)
   */
  public record PositionPnl(String label, double pnl) {
  }
}
