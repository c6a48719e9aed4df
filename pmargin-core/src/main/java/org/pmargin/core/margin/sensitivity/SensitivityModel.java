package org.pmargin.core.margin.sensitivity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginResult;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.PoolBook;
import org.pmargin.core.margin.PoolMargin;
import org.pmargin.core.margin.PositionContribution;
import org.pmargin.core.margin.sensitivity.SensitivityBreakdown.Bucket;
import org.pmargin.core.margin.sensitivity.SensitivityBreakdown.Charge;
import org.pmargin.core.margin.sensitivity.SensitivityBreakdown.CurvatureCharge;
import org.pmargin.core.margin.sensitivity.SensitivityBreakdown.CurvatureRisk;
import org.pmargin.core.margin.sensitivity.SensitivityBreakdown.Factor;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.core.valuation.MarketShock;
import org.pmargin.core.valuation.PositionValuation;
import org.pmargin.core.valuation.PositionValuer;

/**
 * The sensitivity margin model: ISDA SIMM's delta, vega and curvature margins on crypto risk factors, in one
 * unified USD pool.
 *
 * <p><b>Sensitivities</b> (USD view of {@link PositionValuation}, every position and balance of the account):
 * <ul>
 *   <li>delta, per underlying: the cash delta s = S·∂V/∂S summed over positions; a coin balance is a spot delta of
 *       that coin (amount × price) and a stablecoin balance a delta of the stablecoin (a depeg risk); USD
 *       balances carry none;</li>
 *   <li>vega, per (underlying, expiry vertex): each option's σ·∂V/∂σ, split between the vertices around its expiry
 *       ({@link VegaParameters#allocation});</li>
 *   <li>curvature, per underlying with options: the options are revalued with the underlying moved by ±h (the
 *       bucket's curvature shock; vols sticky-strike): up = Σ V(S(1+h)) − V − h·S·Δ,
 *       down = Σ V(S(1−h)) − V + h·S·Δ, CVR = −min(up, down), positive when the options lose beyond their delta.
 *       Delta-one positions and balances are linear in S and have none.</li>
 * </ul>
 *
 * <p><b>Weighting</b>: WS = RW·s·CR with CR = max(1, sqrt(|s_u|/T_b)), s_u the net delta (or the net σ·vega over all
 * vertices) of the underlying u and T_b its bucket's threshold, as SIMM applies concentration per risk factor with
 * the bucket's threshold. Correlations within a bucket are ρ_b·f_uv with f_uv = min(CR_u, CR_v)/max(CR_u, CR_v)
 * (SIMM's f_kl); vega factors correlate as ρ_underlyings × ρ_tenors. Curvature converts CVR, a loss at a shock of
 * Φ⁻¹(q) standard deviations, to SIMM's mean-loss units by dividing by Φ⁻¹(q)²: then SIMM's λ + 1 = Φ⁻¹(q)² brings a
 * single short-gamma underlying back to exactly its revaluation loss, while λ and θ give SIMM's credit for long
 * gamma and diversification. (SIMM's SF(t) = 0.5·min(1, 14/t) estimates the same mean loss from vega; revaluation
 * measures it directly.)
 *
 * <p><b>Aggregation</b> ({@code SimmAggregation}): K_b = sqrt(Σ WS² + Σ_{k≠l} ρ_kl WS_k WS_l);
 * Margin = sqrt(Σ K_b² + Σ_{b≠c} γ_bc S_b S_c) + K_residual with S_b = clamp(Σ WS, −K_b, K_b); curvature with ρ²,
 * γ² and max(Σ CVR + λ·sqrt(...), 0). Initial margin = delta + vega + curvature (SIMM adds the three within a risk
 * class); maintenance = {@code maintenanceFactor} × initial, component by component.
 *
 * <p><b>Contributions</b> (Euler allocation): a position's share is Σ over its risk factors of its own weighted
 * sensitivity times ∂Margin/∂WS_k, with the concentration factors and λ held at the account's values, so the
 * shares add up to the initial margin exactly. A curvature factor's share is split among the underlying's options
 * in proportion to their loss in the leg (up or down) that set CVR. A position whose growth would lower the margin
 * (a hedge at the margin) gets a negative share.
 *
 * <p>Known properties, tested: below the thresholds the margin scales with the book; a fully offset book costs
 * nothing. SIMM's aggregation is <em>not</em> subadditive everywhere: concentration (CR grows with size), curvature's
 * λ (a long-gamma position in another bucket can raise it) and the clamp of S_b (across correlated buckets; the
 * worst excess a numerical search found is about 1%) can each make margin(A ∪ B) exceed margin(A) + margin(B).
 * Like SIMM it can charge a long option more than its premium (its delta and vega are charged linearly, and long
 * gamma earns no credit beyond zero curvature margin).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param parameters  the model's parameters
 * @param haircuts  the collateral schedule for the pool's equity
 */
public record SensitivityModel(SensitivityParameters parameters, HaircutSchedule haircuts) implements MarginModel {

  /** The model's name in reports. */
  public static final String NAME = "sensitivity";

  /** Validates the fields. */
  public SensitivityModel {
    Checks.notNull(parameters, "parameters");
    Checks.notNull(haircuts, "haircuts");
  }

  /** The model with {@link SensitivityParameters#standard()} and {@link HaircutSchedule#standard()}. */
  public SensitivityModel() {
    this(SensitivityParameters.standard(), HaircutSchedule.standard());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public MarginResult margin(Account account, MarketSnapshot market) {
    PoolBook book = PoolBook.split(account, MarginView.UNIFIED_USD, market).get(0);
    SensitivityBreakdown b = breakdown(account, market);
    double equity = book.equity(market, haircuts);
    double mf = parameters.maintenanceFactor();
    List<MarginComponent> components = new ArrayList<>();
    for (Charge c : List.of(b.delta(), b.vega(), b.curvature().charge())) {
      components.add(new MarginComponent(c.name(), c.margin(), mf * c.margin(), explain(c, b.curvature())));
    }
    PoolMargin pool = PoolMargin.of(Asset.USD, equity, components, "", b.contributions(), 1.0);
    return MarginResult.of(NAME, MarginView.UNIFIED_USD, List.of(pool));
  }

  /**
   * Computes the sensitivities, weighted sensitivities, bucket aggregates, margins and contributions of an account.
   *
   * @param account  the positions and balances
   * @param market  the snapshot
   * @return the breakdown
   * @throws InvalidInputException naming {@code positions[i]...} for a position that cannot be valued,
   *     {@code collateral.X} for a balance without a price, or {@code positions} for sizes beyond double range
   */
  public SensitivityBreakdown breakdown(Account account, MarketSnapshot market) {
    Checks.notNull(account, "account");
    Checks.notNull(market, "market");
    List<Exposure> exposures = new ArrayList<>();
    List<Position> positions = account.portfolio().positions();
    for (int i = 0; i < positions.size(); i++) {
      try {
        exposures.add(expose(positions.get(i), market));
      } catch (InvalidInputException e) {
        throw e.within("positions[" + i + "]");
      }
    }
    for (Map.Entry<Asset, Double> e : account.collateral().entrySet()) {
      Asset asset = e.getKey();
      if (asset.equals(Asset.USD) || e.getValue() == 0) {
        continue;
      }
      double price;
      try {
        price = market.priceUsd(asset);
      } catch (InvalidInputException ex) {
        throw new InvalidInputException("collateral." + asset, "no market price for collateral asset " + asset, ex);
      }
      exposures.add(new Exposure("balance:" + asset, asset, e.getValue() * price, null, false, 0, 0));
    }
    for (Exposure x : exposures) {
      if (!Double.isFinite(x.cashDelta()) || !Double.isFinite(x.up()) || !Double.isFinite(x.down())) {
        throw new InvalidInputException("positions", x.label() + " is too large to margin: its sensitivities "
            + "overflow double precision");
      }
    }
    DeltaPart delta = new DeltaPart(exposures);
    VegaPart vega = new VegaPart(exposures);
    CurvaturePart curvature = new CurvaturePart(exposures);
    List<PositionContribution> contributions = new ArrayList<>();
    for (Exposure x : exposures) {
      double c = delta.contribution(x) + vega.contribution(x) + curvature.contribution(x);
      requireFinite(c, x.underlying());
      contributions.add(new PositionContribution(x.label(), 0, c));
    }
    SensitivityBreakdown out = new SensitivityBreakdown(delta.charge, vega.charge, curvature.charge, contributions,
        parameters.maintenanceFactor());
    if (!Double.isFinite(out.initialMargin())) {
      throw new InvalidInputException("positions", "the book is too large to margin: its margin overflows double "
          + "precision");
    }
    return out;
  }

  /** What one position or balance exposes: cash delta, σ·vega per vertex, and the curvature legs. */
  private record Exposure(String label, Asset underlying, double cashDelta, double[] vegaByVertex, boolean curvature,
      double up, double down) {
  }

  private Exposure expose(Position p, MarketSnapshot market) {
    PositionValuation v = PositionValuer.value(p, market);
    Asset u = p.instrument().underlying();
    // USD is the unit of account: a position "in USD" (e.g. spot USD/USDC) moves with its quote, not with USD
    double cash = u.equals(Asset.USD) ? 0 : v.delta() * market.priceUsd(u);
    if (!(p.instrument() instanceof EuropeanOption option)) {
      return new Exposure(p.instrument().symbol(), u, cash, null, false, 0, 0);
    }
    UnderlyingMarket m = market.underlying(u);
    double t = YearFraction.between(market.asOf(), option.expiryInstant());
    double[] vega = null;
    if (t > 0 && v.vega() != 0) {
      double sigma = m.vols().vol(option.strike(), m.forwards().forward(option.expiryInstant()), t);
      double s = sigma * v.vega();
      vega = parameters.vega().allocation(t * 365);
      for (int j = 0; j < vega.length; j++) {
        vega[j] *= s;
      }
    }
    double h = parameters.bucket(parameters.bucketIndex(u)).curvatureShock();
    if (h == 0) {
      return new Exposure(option.symbol(), u, cash, vega, false, 0, 0);
    }
    double up = PositionValuer.value(p, market, MarketShock.price(u, 1 + h)).valueUsd() - v.valueUsd() - h * cash;
    double down = PositionValuer.value(p, market, MarketShock.price(u, 1 - h)).valueUsd() - v.valueUsd() + h * cash;
    return new Exposure(option.symbol(), u, cash, vega, true, up, down);
  }

  /** A weighted sensitivity or share, which must be finite: a book beyond double range cannot be margined. */
  private static double requireFinite(double value, Asset underlying) {
    if (!Double.isFinite(value)) {
      throw new InvalidInputException("positions", "the exposure to " + underlying + " is too large to margin: "
          + "its weighted sensitivity overflows double precision");
    }
    return value;
  }

  private double concentration(double netSensitivity, double threshold) {
    return Math.max(1, Math.sqrt(Math.abs(netSensitivity) / threshold));
  }

  private double[][] gamma() {
    int nb = parameters.buckets().size();
    double[][] g = new double[nb][nb];
    for (int b = 0; b < nb; b++) {
      for (int c = 0; c < nb; c++) {
        g[b][c] = parameters.interBucketCorrelation(b, c);
      }
    }
    return g;
  }

  /** Orders assets by bucket, then ticker. */
  private List<Asset> ordered(Iterable<Asset> assets) {
    List<Asset> out = new ArrayList<>();
    assets.forEach(out::add);
    out.sort((a, b) -> {
      int c = Integer.compare(parameters.bucketIndex(a), parameters.bucketIndex(b));
      return c != 0 ? c : a.compareTo(b);
    });
    return out;
  }

  /** The aggregates of the buckets with a non-zero weighted sensitivity. */
  private List<Bucket> buckets(SimmAggregation.Result r, int[] bucketOf, double[] ws) {
    int nb = parameters.buckets().size();
    boolean[] used = new boolean[nb + 1];
    for (int k = 0; k < bucketOf.length; k++) {
      used[bucketOf[k]] |= ws[k] != 0;
    }
    List<Bucket> out = new ArrayList<>();
    for (int b = 0; b <= nb; b++) {
      if (used[b]) {
        out.add(new Bucket(parameters.bucket(b).name(), b == nb, r.bucketK()[b], r.bucketSum()[b], r.bucketS()[b]));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- delta

  private final class DeltaPart {
    final Map<Asset, Integer> index = new LinkedHashMap<>();
    final double[] factorWeight; // RW·CR per factor
    final double[] gradient;
    final Charge charge;

    DeltaPart(List<Exposure> exposures) {
      Map<Asset, Double> net = new TreeMap<>();
      for (Exposure x : exposures) {
        net.merge(x.underlying(), x.cashDelta(), Double::sum);
      }
      List<Asset> assets = ordered(net.keySet());
      int n = assets.size();
      int[] bucketOf = new int[n];
      double[] cr = new double[n];
      double[] ws = new double[n];
      factorWeight = new double[n];
      List<Factor> factors = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        Asset a = assets.get(k);
        index.put(a, k);
        bucketOf[k] = parameters.bucketIndex(a);
        RiskBucket b = parameters.bucket(bucketOf[k]);
        double s = net.get(a);
        cr[k] = concentration(s, b.deltaThresholdUsd());
        factorWeight[k] = b.deltaRiskWeight() * cr[k];
        ws[k] = requireFinite(factorWeight[k] * s, a);
        if (s != 0) {
          factors.add(new Factor(b.name(), a, "", s, b.deltaRiskWeight(), cr[k], ws[k]));
        }
      }
      SimmAggregation.Result r = SimmAggregation.linear(bucketOf, ws, parameters.buckets().size(),
          (k, l) -> parameters.bucket(bucketOf[k]).intraCorrelation() * Math.min(cr[k], cr[l])
              / Math.max(cr[k], cr[l]), gamma());
      gradient = r.gradient();
      charge = new Charge("delta", factors, buckets(r, bucketOf, ws), r.margin());
    }

    double contribution(Exposure x) {
      int k = index.get(x.underlying());
      return factorWeight[k] * x.cashDelta() * gradient[k];
    }
  }

  // ---------------------------------------------------------------- vega

  private final class VegaPart {
    final Map<Asset, Integer> first = new LinkedHashMap<>(); // first factor of each underlying; vertices follow
    final double[] factorWeight;
    final double[] gradient;
    final Charge charge;

    VegaPart(List<Exposure> exposures) {
      VegaParameters vp = parameters.vega();
      int nv = vp.size();
      Map<Asset, double[]> net = new TreeMap<>();
      for (Exposure x : exposures) {
        if (x.vegaByVertex() != null) {
          double[] acc = net.computeIfAbsent(x.underlying(), a -> new double[nv]);
          for (int j = 0; j < nv; j++) {
            acc[j] += x.vegaByVertex()[j];
          }
        }
      }
      List<Asset> assets = ordered(net.keySet());
      int n = assets.size() * nv;
      int[] bucketOf = new int[n];
      int[] vertexOf = new int[n];
      double[] vcr = new double[n];
      double[] ws = new double[n];
      factorWeight = new double[n];
      List<Factor> factors = new ArrayList<>();
      for (int u = 0; u < assets.size(); u++) {
        Asset a = assets.get(u);
        first.put(a, u * nv);
        int bucket = parameters.bucketIndex(a);
        RiskBucket b = parameters.bucket(bucket);
        double[] s = net.get(a);
        double total = 0;
        for (double x : s) {
          total += x;
        }
        double c = concentration(total, b.vegaThresholdUsd());
        for (int j = 0; j < nv; j++) {
          int k = u * nv + j;
          bucketOf[k] = bucket;
          vertexOf[k] = j;
          vcr[k] = c;
          factorWeight[k] = vp.riskWeights().get(j) * c;
          ws[k] = requireFinite(factorWeight[k] * s[j], a);
          if (s[j] != 0) {
            factors.add(new Factor(b.name(), a, vp.label(j), s[j], vp.riskWeights().get(j), c, ws[k]));
          }
        }
      }
      SimmAggregation.Result r = SimmAggregation.linear(bucketOf, ws, parameters.buckets().size(), (k, l) -> {
        double tenor = vp.tenorCorrelations().get(vertexOf[k]).get(vertexOf[l]);
        boolean sameUnderlying = k / nv == l / nv;
        double under = sameUnderlying ? 1 : parameters.bucket(bucketOf[k]).intraCorrelation()
            * Math.min(vcr[k], vcr[l]) / Math.max(vcr[k], vcr[l]);
        return under * tenor;
      }, gamma());
      gradient = r.gradient();
      charge = new Charge("vega", factors, buckets(r, bucketOf, ws), r.margin());
    }

    double contribution(Exposure x) {
      if (x.vegaByVertex() == null) {
        return 0;
      }
      int k0 = first.get(x.underlying());
      double c = 0;
      for (int j = 0; j < x.vegaByVertex().length; j++) {
        c += factorWeight[k0 + j] * x.vegaByVertex()[j] * gradient[k0 + j];
      }
      return c;
    }
  }

  // ---------------------------------------------------------------- curvature

  private final class CurvaturePart {
    final Map<Asset, Integer> index = new LinkedHashMap<>();
    final boolean[] upSets; // whether the up leg set CVR
    final double[] gradient;
    final double zSquared;
    final CurvatureCharge charge;

    CurvaturePart(List<Exposure> exposures) {
      Map<Asset, double[]> legs = new TreeMap<>();
      for (Exposure x : exposures) {
        if (x.curvature()) {
          double[] l = legs.computeIfAbsent(x.underlying(), a -> new double[2]);
          l[0] += x.up();
          l[1] += x.down();
        }
      }
      zSquared = parameters.curvatureZSquared();
      List<Asset> assets = ordered(legs.keySet());
      int n = assets.size();
      int[] bucketOf = new int[n];
      double[] cvr = new double[n];
      upSets = new boolean[n];
      List<Factor> factors = new ArrayList<>();
      List<CurvatureRisk> risks = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        Asset a = assets.get(k);
        index.put(a, k);
        bucketOf[k] = parameters.bucketIndex(a);
        RiskBucket b = parameters.bucket(bucketOf[k]);
        double[] l = legs.get(a);
        upSets[k] = l[0] <= l[1];
        double raw = -Math.min(l[0], l[1]);
        cvr[k] = raw / zSquared;
        risks.add(new CurvatureRisk(a, b.name(), b.curvatureShock(), l[0], l[1], raw));
        if (raw != 0) {
          factors.add(new Factor(b.name(), a, "", raw, 1 / zSquared, 1, cvr[k]));
        }
      }
      SimmAggregation.Result r = SimmAggregation.curvature(bucketOf, cvr, parameters.buckets().size(), (k, l) -> {
        double rho = parameters.bucket(bucketOf[k]).intraCorrelation();
        return rho * rho;
      }, gamma(), zSquared);
      gradient = r.gradient();
      charge = new CurvatureCharge(new Charge("curvature", factors, buckets(r, bucketOf, cvr), r.margin()), risks,
          r.theta(), r.lambda(), r.residualTheta(), r.residualLambda());
    }

    double contribution(Exposure x) {
      if (!x.curvature()) {
        return 0;
      }
      int k = index.get(x.underlying());
      double loss = -(upSets[k] ? x.up() : x.down());
      return loss / zSquared * gradient[k];
    }
  }

  // ---------------------------------------------------------------- explanations

  private static String usd(double x) {
    return String.format(Locale.ROOT, "%,.2f", x);
  }

  private static String explain(Charge c, CurvatureCharge curvature) {
    if (c.factors().isEmpty()) {
      return "no " + c.name() + " risk";
    }
    StringBuilder sb = new StringBuilder();
    if (c.name().equals("curvature")) {
      sb.append(String.format(Locale.ROOT, "SIMM curvature margin (λ %.3f, θ %.3f; CVR = loss beyond delta at the "
          + "bucket's ±shock, → CVR/Φ⁻¹(q)², the units K is in)", curvature.lambda(), curvature.theta()));
    } else {
      sb.append("SIMM ").append(c.name()).append(" margin");
    }
    sb.append(": ");
    for (int i = 0; i < c.buckets().size(); i++) {
      Bucket b = c.buckets().get(i);
      if (i > 0) {
        sb.append("; ");
      }
      sb.append(b.residual() ? "residual bucket " : "bucket ").append(b.bucket()).append(" K=").append(usd(b.k()))
          .append(" (");
      boolean firstFactor = true;
      for (Factor f : c.factors()) {
        if (!f.bucket().equals(b.bucket())) {
          continue;
        }
        if (!firstFactor) {
          sb.append(", ");
        }
        firstFactor = false;
        sb.append(f.underlying());
        if (!f.tenor().isEmpty()) {
          sb.append(' ').append(f.tenor());
        }
        if (c.name().equals("curvature")) {
          sb.append(" CVR ").append(usd(f.sensitivityUsd())).append(" → ").append(usd(f.weightedUsd()));
        } else {
          sb.append(" WS ").append(usd(f.weightedUsd()));
          if (f.concentration() > 1) {
            sb.append(String.format(Locale.ROOT, " with concentration CR %.3f", f.concentration()));
          }
        }
      }
      sb.append(')');
    }
    long named = c.buckets().stream().filter(b -> !b.residual()).count();
    if (named > 1) {
      sb.append("; buckets combined with the inter-bucket correlations").append(
          c.name().equals("curvature") ? " squared" : "").append(", each bucket's sum clamped to ±K");
    }
    if (c.buckets().stream().anyMatch(Bucket::residual)) {
      sb.append("; the residual bucket is added in full");
    }
    sb.append("; total ").append(usd(c.margin())).append(" USD");
    return sb.toString();
  }
}
