package org.pmargin.core.margin.derive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.ModelNotApplicableException;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.pricing.Black76;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The Derive (Lyra v2) PM2 portfolio-margin risk manager (METHODOLOGY §11, PMRMLib_2 and PMRM_2 of derivexyz/v2-core,
 * re-implemented from their description, not copied): one subaccount per underlying, margined by the worst of a
 * scenario list with dampened tails and skew scenarios and a basis contingency, plus perp, naked-short, collateral and
 * oracle-confidence contingencies; Derive's signed surpluses are converted to requirements R = MtM + cash − surplus.
 *
 * <p>The rules, in the order {@link #evaluate} applies them:
 * <ol>
 *   <li>Each expiry's options are priced with discounted Black-76, D = e^(−max(r, 0)·T), T = seconds / 31,536,000;
 *       σ√T ≥ 24 saturates (call D·F, put D·K) and σ√T = 0 (expired, or a zero vol) gives the discounted intrinsic
 *       value. The MtM is the options' value plus the perp's unrealised P&amp;L and funding plus the collateral's
 *       value amount·price/stablePrice.</li>
 *   <li>Scenario j's P&amp;L is w·q·(s − 1)·perpMark + Σ_expiry g(w·(ρ·Ṽ − V)) + Σ_risk-cancelling w·value·(s − 1),
 *       where Ṽ reprices the expiry at the forward F_var·s + F_fix with the scenario's vols, ρ is the static discount
 *       for the sign of Ṽ, and g(x) = −|x| in the skew scenarios, x otherwise.</li>
 *   <li>The basis contingency B = Σ min(V(up) − V, V(down) − V, 0)·(add + mult·T) competes as the worst loss:
 *       minSPAN = min(B, min_j P_j).</li>
 *   <li>Contingencies: perp |q|·index·(MM%, IM%), naked shorts netted per strike over calls and puts ·index·(MM%,
 *       IM%), collateral value·(MM, IM haircuts), oracle (1 − c)·confMargin·notional when c &lt; threshold, per perp,
 *       expiry (gross Σ|amount|·index) and collateral bucket.</li>
 *   <li>MM = mmFactor·minSPAN − MMc + MtM + cash; IM = (imFactor + peg)·minSPAN − IMc − MMc + MtM + cash.</li>
 * </ol>
 *
 * <p>Readings where §11 is not explicit, all taken from PMRMLib_2 as the repository's vectors confirm: an option's
 * vol in an up scenario is max(minVolUp, σ·up) and in a down scenario σ·down with no floor; the skew multiplier for
 * k ≥ 0 is 1 + min(cap, k·cap/k*) and for k &lt; 0 is 1 + max(−cap, k·cap/k*), literally (a negative cap is not
 * re-ordered), with k* = 0 treated as an infinitely steep ramp (PMRMLib_2 would divide by zero); the perp's oracle
 * confidence enters the expiries' confidence only when a perp is held, and never the collateral's; a perp with zero
 * amount has no contingency.
 *
 * <p>{@link #margin(Account, MarketSnapshot)} margins an ordinary account through {@link DeriveAccountAdapter}: one
 * subaccount per underlying, summed into one USDC pool ({@link MarginView#UNIFIED_USD}) whose requirement is the sum
 * of the subaccounts' requirements, which is what the account needs when its cash is spread across them as needed.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class DeriveModel implements MarginModel {

  private static final double MAX_TOTAL_VOL = 24;
  private static final double SECONDS_30_DAYS = 30 * 86400.0;

  private final DeriveParameters params;

  /** The model with the deploy config of §11. */
  public DeriveModel() {
    this(DeriveParameters.mainnet());
  }

  /**
   * The model with the given parameters.
   *
   * @param params  the parameters
   */
  public DeriveModel(DeriveParameters params) {
    this.params = Checks.notNull(params, "parameters");
  }

  /** The parameters. */
  public DeriveParameters parameters() {
    return params;
  }

  @Override
  public String name() {
    return "derive";
  }

  @Override
  public MarginResult margin(Account account, MarketSnapshot market) {
    Checks.notNull(account, "account");
    Checks.notNull(market, "market");
    List<DerivePortfolio> subaccounts = DeriveAccountAdapter.subaccounts(account, market, params);
    return result(subaccounts);
  }

  /**
   * The margin of Derive subaccounts as one USDC pool: equity Σ(MtM + cash), requirements the sums of the
   * subaccounts' requirements, components per subaccount (suffixed with the underlying when there are several).
   *
   * @param subaccounts  one or more subaccounts with the same stable price
   * @return the result
   */
  public MarginResult result(List<DerivePortfolio> subaccounts) {
    Checks.notNull(subaccounts, "subaccounts");
    Checks.require(!subaccounts.isEmpty(), "subaccounts", "at least one subaccount is needed");
    double stable = subaccounts.get(0).stablePrice();
    double equity = 0;
    List<MarginComponent> components = new ArrayList<>();
    List<PositionContribution> contributions = new ArrayList<>();
    StringBuilder driving = new StringBuilder();
    boolean several = subaccounts.size() > 1;
    for (DerivePortfolio p : subaccounts) {
      Checks.require(p.stablePrice() == stable, "subaccounts", "every subaccount must use the same stable price");
      DeriveMargin m = evaluate(p);
      equity += m.markToMarket() + m.cash();
      String suffix = several ? "." + p.underlying() : "";
      components.addAll(components(p, m, suffix));
      contributions.addAll(contributions(p, m));
      driving.append(driving.isEmpty() ? "" : "; ").append(several ? p.underlying() + ": " : "")
          .append(m.worstDescription(params));
    }
    PoolMargin pool = PoolMargin.of(Asset.USDC, equity, components, driving.toString(), contributions, stable);
    return MarginResult.of(name(), MarginView.UNIFIED_USD, List.of(pool));
  }

  /**
   * Applies the PM2 rules to one subaccount.
   *
   * @param p  the subaccount
   * @return every number of the computation
   * @throws InvalidInputException naming {@code expiries} when the subaccount holds more expiries than allowed
   */
  public DeriveMargin evaluate(DerivePortfolio p) {
    Checks.notNull(p, "portfolio");
    int ne = p.expiries().size();
    if (ne > params.maxExpiries()) {
      throw new ModelNotApplicableException("expiries", "holds " + ne + " expiries, more than the "
          + params.maxExpiries() + " Derive allows in one subaccount");
    }
    DeriveParameters.Contingencies cp = params.contingencies();
    DerivePortfolio.Perp perp = p.perp();
    double spot = p.spot();
    double portfolioConfidence = perp.held() ? Math.min(p.spotConfidence(), perp.confidence()) : p.spotConfidence();

    // perp
    double perpMtm = perp.unrealisedPnl() + perp.unrealisedFunding();
    double perpNotional = Math.abs(perp.amount()) * spot;
    double mmPerp = perpNotional * cp.mmPerpPercent();
    double imPerp = perpNotional * cp.imPerpPercent();
    double oracle = confidenceContingency(portfolioConfidence, perpNotional);

    // expiries
    ExpiryState[] states = new ExpiryState[ne];
    double optionMtm = 0;
    double basis = 0;
    double mmOption = 0;
    double imOption = 0;
    List<DeriveMargin.ExpiryDetail> details = new ArrayList<>();
    for (int e = 0; e < ne; e++) {
      ExpiryState s = new ExpiryState(p.expiries().get(e), params);
      states[e] = s;
      optionMtm += s.mtm;
      double up = s.value(params.basis().spotUp(), DeriveVolShock.NONE, null) - s.mtm;
      double down = s.value(params.basis().spotDown(), DeriveVolShock.NONE, null) - s.mtm;
      s.basisUp = up <= down;
      s.basisTerm = Math.min(Math.min(up, down), 0) * (params.basis().addFactor() + params.basis().multFactor() * s.t);
      basis += s.basisTerm;
      double naked = s.nakedShorts();
      mmOption += naked * spot * cp.mmOptionPercent();
      imOption += naked * spot * cp.imOptionPercent();
      double confidence = Math.min(portfolioConfidence, s.confidence());
      double gross = 0;
      for (DerivePortfolio.Option o : s.expiry.options()) {
        gross += Math.abs(o.amount());
      }
      double expiryOracle = confidenceContingency(confidence, gross * spot);
      oracle += expiryOracle;
      details.add(new DeriveMargin.ExpiryDetail(s.expiry.secondsToExpiry(), s.mtm, s.basisTerm, s.volUp, s.volDown,
          s.discountPositive, s.discountNegative, naked, confidence, expiryOracle));
    }

    // collateral
    double collateralMtm = 0;
    double mmCollateral = 0;
    double imCollateral = 0;
    double[] collateralValues = new double[p.collaterals().size()];
    for (int i = 0; i < collateralValues.length; i++) {
      DerivePortfolio.Collateral c = p.collaterals().get(i);
      double value = c.amount() * c.price() / p.stablePrice();
      collateralValues[i] = value;
      collateralMtm += value;
      mmCollateral += value * c.mmHaircut();
      imCollateral += value * c.imHaircut();
      oracle += confidenceContingency(Math.min(c.confidence(), p.spotConfidence()), value);
    }

    // scenarios: the basis contingency is the first candidate and keeps ties
    List<DeriveScenario> scenarios = params.scenarios();
    List<Double> pnls = new ArrayList<>(scenarios.size());
    double minSpan = basis;
    int worst = -1;
    for (int j = 0; j < scenarios.size(); j++) {
      double pnl = scenarioPnl(p, states, collateralValues, scenarios.get(j), true, null);
      pnls.add(pnl);
      if (pnl < minSpan) {
        minSpan = pnl;
        worst = j;
      }
    }
    List<DeriveMargin.PositionPnl> positions = new ArrayList<>();
    double withoutDiscount;
    if (worst >= 0) {
      scenarioPnl(p, states, collateralValues, scenarios.get(worst), true, positions);
      withoutDiscount = scenarioPnl(p, states, collateralValues, scenarios.get(worst), false, null);
    } else {
      basisAttribution(p, states, positions);
      withoutDiscount = minSpan;
    }

    double mtm = perpMtm + optionMtm + collateralMtm;
    double peg = p.stablePrice() < cp.pegLossThreshold() ? (cp.pegLossThreshold() - p.stablePrice())
        * cp.pegLossFactor() : 0;
    double imFactor = params.imFactor() + peg;
    double mmSurplus = params.mmFactor() * minSpan - (mmPerp + mmOption + mmCollateral) + mtm + p.cash();
    double imSurplus = imFactor * minSpan - (imPerp + imOption + imCollateral + oracle)
        - (mmPerp + mmOption + mmCollateral) + mtm + p.cash();
    return new DeriveMargin(mtm, p.cash(), optionMtm, perpMtm, collateralMtm, pnls, basis, worst, minSpan,
        withoutDiscount, params.mmFactor(), imFactor, peg, mmPerp, imPerp, mmOption, imOption, mmCollateral,
        imCollateral, oracle, mmSurplus, imSurplus, details, positions);
  }

  private double confidenceContingency(double confidence, double notional) {
    DeriveParameters.Contingencies cp = params.contingencies();
    return confidence < cp.confThreshold() ? (1 - confidence) * cp.confMargin() * notional : 0;
  }

  /**
   * A scenario's P&amp;L; with {@code out} non-null, each holding's share is added to it.
   */
  private double scenarioPnl(DerivePortfolio p, ExpiryState[] states, double[] collateralValues, DeriveScenario sc,
      boolean staticDiscount, List<DeriveMargin.PositionPnl> out) {
    double s = sc.spotShock();
    double w = sc.dampening();
    DerivePortfolio.Perp perp = p.perp();
    double total = 0;
    if (perp.held()) {
      double x = w * (perp.amount() * ((s - 1) * perp.markPrice()));
      total += x;
      if (out != null) {
        out.add(new DeriveMargin.PositionPnl(perp.label(), x));
      }
    }
    for (ExpiryState e : states) {
      double[] values = out == null ? null : new double[e.expiry.options().size()];
      double shocked = e.value(s, sc.vol(), values);
      double rho = !staticDiscount ? 1 : shocked >= 0 ? e.discountPositive : e.discountNegative;
      double x = w * (rho * shocked - e.mtm);
      double sign = sc.vol().isSkew() && x > 0 ? -1 : 1;
      total += sign * x;
      if (out != null) {
        for (int i = 0; i < values.length; i++) {
          out.add(new DeriveMargin.PositionPnl(e.expiry.options().get(i).label(),
              sign * w * (rho * values[i] - e.optionMtm[i])));
        }
      }
    }
    for (int i = 0; i < collateralValues.length; i++) {
      DerivePortfolio.Collateral c = p.collaterals().get(i);
      double x = c.riskCancelling() ? collateralValues[i] * (s - 1) * w : 0;
      total += x;
      if (out != null) {
        out.add(new DeriveMargin.PositionPnl(c.label(), x));
      }
    }
    return total;
  }

  private void basisAttribution(DerivePortfolio p, ExpiryState[] states, List<DeriveMargin.PositionPnl> out) {
    if (p.perp().held()) {
      out.add(new DeriveMargin.PositionPnl(p.perp().label(), 0));
    }
    for (ExpiryState e : states) {
      double[] values = new double[e.expiry.options().size()];
      e.value(e.basisUp ? params.basis().spotUp() : params.basis().spotDown(), DeriveVolShock.NONE, values);
      double factor = params.basis().addFactor() + params.basis().multFactor() * e.t;
      for (int i = 0; i < values.length; i++) {
        double x = e.basisTerm < 0 ? (values[i] - e.optionMtm[i]) * factor : 0;
        out.add(new DeriveMargin.PositionPnl(e.expiry.options().get(i).label(), x));
      }
    }
    for (DerivePortfolio.Collateral c : p.collaterals()) {
      out.add(new DeriveMargin.PositionPnl(c.label(), 0));
    }
  }

  /**
   * Discounted Black-76 as Derive prices it: saturated at σ√T ≥ 24, intrinsic at σ√T = 0.
   *
   * @param call  true for a call
   * @param forward  F &gt; 0
   * @param strike  K &gt; 0
   * @param years  T ≥ 0
   * @param vol  σ ≥ 0
   * @param discount  D
   * @return the price
   */
  static double price(boolean call, double forward, double strike, double years, double vol, double discount) {
    double totalVol = vol * Math.sqrt(years);
    if (totalVol >= MAX_TOTAL_VOL) {
      return call ? discount * forward : discount * strike;
    }
    if (!(totalVol > 0)) {
      return discount * Math.max(call ? forward - strike : strike - forward, 0);
    }
    return Black76.priceUnchecked(call, forward, strike, years, vol, discount);
  }

  /** The per-expiry numbers that every scenario reuses. */
  private static final class ExpiryState {
    final DerivePortfolio.Expiry expiry;
    final DeriveParameters params;
    final double t;
    final double discount;
    final double volUp;
    final double volDown;
    final double discountPositive;
    final double discountNegative;
    final double[] optionMtm;
    final double mtm;
    double basisTerm;
    boolean basisUp;

    ExpiryState(DerivePortfolio.Expiry expiry, DeriveParameters params) {
      this.expiry = expiry;
      this.params = params;
      long seconds = expiry.secondsToExpiry();
      t = expiry.years();
      double r = Math.max(expiry.rate(), 0);
      discount = Math.exp(-r * t);
      DeriveParameters.VolShock vs = params.volShock();
      double ratio = SECONDS_30_DAYS / Math.max(seconds, vs.dteFloorSeconds());
      double m = Math.pow(ratio, seconds <= SECONDS_30_DAYS ? vs.shortTermPower() : vs.longTermPower());
      volUp = 1 + vs.rangeUp() * m;
      volDown = Math.max(0, 1 - vs.rangeDown() * m);
      DeriveParameters.StaticDiscount sd = params.staticDiscount();
      discountPositive = sd.longBase() * Math.exp(-t * (r * sd.longRateMult() + sd.longRateAdd()));
      discountNegative = Math.min(1 / discount, sd.shortBase() / Math.exp(-t * (r * sd.shortRateMult()
          + sd.shortRateAdd())));
      optionMtm = new double[expiry.options().size()];
      mtm = value(1, DeriveVolShock.NONE, optionMtm);
    }

    /** The expiry's value in a scenario; each holding's value (price·amount) goes to {@code out} when given. */
    double value(double spotShock, DeriveVolShock vol, double[] out) {
      List<DerivePortfolio.Option> options = expiry.options();
      if (vol.isSkew()) {
        return skewValue(vol == DeriveVolShock.LINEAR, out);
      }
      double forward = expiry.forwardVariable() * spotShock + expiry.forwardFixed();
      double multiplier = vol == DeriveVolShock.UP ? volUp : vol == DeriveVolShock.DOWN ? volDown : 1;
      double floor = vol == DeriveVolShock.UP ? params.volShock().minVolUp() : 0;
      double total = 0;
      for (int i = 0; i < options.size(); i++) {
        DerivePortfolio.Option o = options.get(i);
        double sigma = Math.max(floor, o.vol() * multiplier);
        double v = price(o.type() == OptionType.CALL, forward, o.strike(), t, sigma, discount) * o.amount();
        total += v;
        if (out != null) {
          out[i] = v;
        }
      }
      return total;
    }

    private double skewValue(boolean linear, double[] out) {
      DeriveParameters.SkewShock k = params.skew();
      double forward = expiry.forward();
      double sqrtT = Math.sqrt(t);
      double cap = linear ? k.linearCBase() * sqrtT + k.linearBaseCap() : k.absCBase() * sqrtT + k.absBaseCap();
      double kStar = Math.max(k.minKStar(), sqrtT * k.widthScale() * (k.volParamStatic() + sqrtT * k.volParamScale()));
      List<DerivePortfolio.Option> options = expiry.options();
      double total = 0;
      for (int i = 0; i < options.size(); i++) {
        DerivePortfolio.Option o = options.get(i);
        double lk = Math.log(o.strike() / forward);
        if (!linear) {
          lk = Math.abs(lk);
        }
        double ramp = lk == 0 ? 0 : lk * cap / kStar;
        double multiplier = 1 + (lk >= 0 ? Math.min(cap, ramp) : Math.max(-cap, ramp));
        double sigma = o.vol() * Math.max(multiplier, 0);
        double v = price(o.type() == OptionType.CALL, forward, o.strike(), t, sigma, discount) * o.amount();
        total += v;
        if (out != null) {
          out[i] = v;
        }
      }
      return total;
    }

    /** Naked shorts netted per strike over calls and puts: Σ_K max(0, −(call amount + put amount)). */
    double nakedShorts() {
      Map<Double, Double> byStrike = new LinkedHashMap<>();
      for (DerivePortfolio.Option o : expiry.options()) {
        byStrike.merge(o.strike(), o.amount(), Double::sum);
      }
      double naked = 0;
      for (double net : byStrike.values()) {
        naked += Math.max(0, -net);
      }
      return naked;
    }

    /** The expiry's own minimum confidence: forward, rate and every vol. */
    double confidence() {
      double c = Math.min(expiry.forwardConfidence(), expiry.rateConfidence());
      for (DerivePortfolio.Option o : expiry.options()) {
        c = Math.min(c, o.volConfidence());
      }
      return c;
    }
  }

  private List<MarginComponent> components(DerivePortfolio p, DeriveMargin m, String suffix) {
    List<MarginComponent> out = new ArrayList<>();
    double f = params.imFactor();
    double mmF = params.mmFactor();
    double w0 = m.worstWithoutStaticDiscount();
    if (m.basisIsWorst()) {
      out.add(new MarginComponent("basis_contingency" + suffix, -f * w0, -mmF * w0, "the basis contingency "
          + usd(m.basisContingency()) + " (Σ per expiry of the worse of a " + DeriveScenario.fmt(params.basis().spotUp())
          + "/" + DeriveScenario.fmt(params.basis().spotDown()) + " forward move, times " + DeriveScenario.fmt(
          params.basis().addFactor()) + " + " + DeriveScenario.fmt(params.basis().multFactor()) + "·T) is the worst"
          + " loss, ahead of every scenario (worst scenario P&L " + usd(minScenario(m)) + "); MM takes "
          + DeriveScenario.fmt(mmF) + "× it, IM " + DeriveScenario.fmt(f) + "×"));
    } else {
      DeriveScenario sc = params.scenarios().get(m.worstScenario());
      out.add(new MarginComponent("worst_scenario" + suffix, -f * w0, -mmF * w0, "worst of "
          + params.scenarios().size() + " scenarios: " + sc.describe() + ", P&L " + usd(m.minSpan())
          + " (before static discount " + usd(w0) + "); basis contingency " + usd(m.basisContingency())
          + "; MM takes " + DeriveScenario.fmt(mmF) + "× the worst loss, IM " + DeriveScenario.fmt(f) + "×"));
      double effect = m.minSpan() - w0;
      if (effect != 0) {
        out.add(new MarginComponent("static_discount" + suffix, -f * effect, -mmF * effect,
            "the static discount of the shocked expiry values changes the worst scenario's P&L by " + usd(effect)
            + " (a time-value haircut: ρ ≥ 0 values ×" + discounts(m, true) + ", negative values ×"
            + discounts(m, false) + ")"));
      }
    }
    if (m.pegAddOn() > 0) {
      out.add(new MarginComponent("peg_loss" + suffix, -m.pegAddOn() * m.minSpan(), 0, "stable price "
          + DeriveScenario.fmt(p.stablePrice()) + " below " + DeriveScenario.fmt(params.contingencies()
          .pegLossThreshold()) + ": the IM factor rises by " + DeriveScenario.fmt(m.pegAddOn())));
    }
    if (p.perp().held()) {
      out.add(new MarginComponent("perp_contingency" + suffix, m.mmPerp() + m.imPerp(), m.mmPerp(),
          pct(params.contingencies().mmPerpPercent()) + " (MM) + " + pct(params.contingencies().imPerpPercent())
          + " (IM) of |" + DeriveScenario.fmt(p.perp().amount()) + "| perp at the index " + usd(p.spot())));
    }
    if (m.mmOption() + m.imOption() > 0) {
      double naked = 0;
      for (DeriveMargin.ExpiryDetail d : m.expiries()) {
        naked += d.nakedShorts();
      }
      out.add(new MarginComponent("naked_short_contingency" + suffix, m.mmOption() + m.imOption(), m.mmOption(),
          pct(params.contingencies().mmOptionPercent()) + " (MM) + " + pct(params.contingencies().imOptionPercent())
          + " (IM) of " + DeriveScenario.fmt(naked) + " naked short option(s) (calls and puts netted per strike) at"
          + " the index " + usd(p.spot())));
    }
    if (!p.collaterals().isEmpty()) {
      out.add(new MarginComponent("collateral_contingency" + suffix, m.mmCollateral() + m.imCollateral(),
          m.mmCollateral(), p.collaterals().size() + " collateral holding(s) worth " + usd(m.collateralMtm())
          + " at their MM and IM haircuts"));
    }
    if (m.oracle() > 0) {
      out.add(new MarginComponent("oracle_contingency" + suffix, m.oracle(), 0, "oracle confidence below "
          + DeriveScenario.fmt(params.contingencies().confThreshold()) + ": (1 − c)·"
          + DeriveScenario.fmt(params.contingencies().confMargin()) + " of the notional of each low-confidence"
          + " bucket (perp, expiry, collateral)"));
    }
    return out;
  }

  private static double minScenario(DeriveMargin m) {
    double min = Double.POSITIVE_INFINITY;
    for (double x : m.scenarioPnls()) {
      min = Math.min(min, x);
    }
    return min;
  }

  private static String discounts(DeriveMargin m, boolean positive) {
    StringBuilder b = new StringBuilder();
    for (DeriveMargin.ExpiryDetail d : m.expiries()) {
      b.append(b.isEmpty() ? "" : "/").append(DeriveScenario.fmt(positive ? d.discountPositive()
          : d.discountNegative()));
    }
    return b.isEmpty() ? "1" : b.toString();
  }

  /**
   * Each holding's P&amp;L in the worst candidate and its share of the initial requirement: the worst-loss part
   * split over the holdings that lose in it, in proportion to their losses, plus the contingencies each causes
   * (perp; naked shorts split over a strike's short holdings; an expiry's oracle contingency by |amount|;
   * collateral haircuts and oracle).
   */
  private List<PositionContribution> contributions(DerivePortfolio p, DeriveMargin m) {
    DeriveParameters.Contingencies cp = params.contingencies();
    Map<String, double[]> byLabel = new LinkedHashMap<>();
    double losses = 0;
    for (DeriveMargin.PositionPnl x : m.positions()) {
      losses += Math.max(0, -x.pnl());
    }
    double worstPart = -m.imFactor() * m.minSpan();
    int k = 0;
    List<DeriveMargin.PositionPnl> pnls = m.positions();
    if (p.perp().held()) {
      double im = share(pnls.get(k), losses, worstPart) + m.mmPerp() + m.imPerp()
          + confidenceContingency(Math.min(p.spotConfidence(), p.perp().confidence()),
          Math.abs(p.perp().amount()) * p.spot());
      add(byLabel, pnls.get(k++), im);
    }
    for (int e = 0; e < p.expiries().size(); e++) {
      DerivePortfolio.Expiry ex = p.expiries().get(e);
      DeriveMargin.ExpiryDetail d = m.expiries().get(e);
      Map<Double, double[]> strikes = new LinkedHashMap<>();
      double gross = 0;
      for (DerivePortfolio.Option o : ex.options()) {
        double[] a = strikes.computeIfAbsent(o.strike(), x -> new double[2]);
        a[0] += o.amount();
        a[1] += Math.max(0, -o.amount());
        gross += Math.abs(o.amount());
      }
      for (DerivePortfolio.Option o : ex.options()) {
        double[] a = strikes.get(o.strike());
        double naked = Math.max(0, -a[0]);
        double nakedShare = o.amount() < 0 && a[1] > 0 ? naked * (-o.amount()) / a[1] : 0;
        double im = share(pnls.get(k), losses, worstPart) + nakedShare * p.spot() * (cp.mmOptionPercent()
            + cp.imOptionPercent()) + d.oracle() * Math.abs(o.amount()) / gross;
        add(byLabel, pnls.get(k++), im);
      }
    }
    for (DerivePortfolio.Collateral c : p.collaterals()) {
      double value = c.amount() * c.price() / p.stablePrice();
      double im = share(pnls.get(k), losses, worstPart) + value * (c.mmHaircut() + c.imHaircut())
          + confidenceContingency(Math.min(c.confidence(), p.spotConfidence()), value);
      add(byLabel, pnls.get(k++), im);
    }
    List<PositionContribution> out = new ArrayList<>();
    for (Map.Entry<String, double[]> e : byLabel.entrySet()) {
      out.add(new PositionContribution(e.getKey(), e.getValue()[0], e.getValue()[1]));
    }
    return out;
  }

  private static double share(DeriveMargin.PositionPnl x, double losses, double worstPart) {
    return losses > 0 ? worstPart * Math.max(0, -x.pnl()) / losses : 0;
  }

  private static void add(Map<String, double[]> byLabel, DeriveMargin.PositionPnl x, double im) {
    double[] a = byLabel.computeIfAbsent(x.label(), l -> new double[2]);
    a[0] += x.pnl();
    a[1] += im;
  }

  private static String usd(double x) {
    return String.format(java.util.Locale.ROOT, "%,.2f", x);
  }

  private static String pct(double x) {
    return DeriveScenario.fmt(100 * x) + "%";
  }
}
