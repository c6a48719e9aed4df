package org.pmargin.core.margin.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Every number of the Derive (Lyra v2) PM2 portfolio-margin risk manager (METHODOLOGY §11; PMRMLib_2's parameter
 * structs), with the two sets §11 describes: {@link #mainnet()}, the deploy config, and {@link #testSet()}, the
 * parameters of the repository's own PM2 test vectors.
 *
 * <p>Readings made where §11 is silent or ambiguous:
 * <ul>
 *   <li>§11 gives the deploy config one skew cap and one c_base; {@link #mainnet()} uses them for both the linear and
 *       the abs scenario (PMRMLib_2 has separate fields; the test set also has equal ones).</li>
 *   <li>The deploy config's static discount ("pos base 1.05, neg base 0.95, add 0.16, mult 0") is anti-conservative
 *       for short expiries: it raises long values for T &lt; 0.30 y and shrinks short liabilities for T &lt; 0.32 y.
 *       {@link #mainnet()} reproduces it because that is what Derive runs; {@link #testSet()} is the conservative
 *       one.</li>
 *   <li>§11 publishes no collateral haircuts. Both sets use the haircuts of the repository's test vectors: the
 *       manager's own coin is risk-cancelling with MM 2%, IM +1% (BTC in the BTC manager), a stablecoin MM 2%,
 *       IM +3% (USDT), any other coin MM 25%, IM +5% (BTC in the ETH manager). They matter only to
 *       {@link DeriveAccountAdapter}; a {@link DerivePortfolio} carries its own haircuts.</li>
 *   <li>The maximum number of expiries is 11 in the deploy config (§11: "11 by default, the setter allows up to
 *       30"); the test set uses the setter's 30 because the test base's own value was not read.</li>
 *   <li>The DTE floor must be positive (PMRMLib_2 divides by it and would revert on an expired option with a zero
 *       floor).</li>
 * </ul>
 *
 * @param name  a label for reports
 * @param scenarios  the scenario list, 1 to 40, at most one {@link DeriveVolShock#LINEAR} and one
 *     {@link DeriveVolShock#ABS} (Derive's setter rules)
 * @param mmFactor  the factor on the worst loss in MM (0.8)
 * @param imFactor  the factor on the worst loss in IM before the peg add-on (1.0)
 * @param volShock  the vol-shock rule
 * @param skew  the skew-scenario rule
 * @param staticDiscount  the time-value haircut of shocked expiry values
 * @param basis  the basis (forward) contingency
 * @param contingencies  the perp, naked-short, oracle and peg add-ons
 * @param collateralTerms  haircuts used when an account's balances become Derive collateral
 * @param maxExpiries  the most expiries one account may hold per manager
 */
public record DeriveParameters(String name, List<DeriveScenario> scenarios, double mmFactor, double imFactor,
    VolShock volShock, SkewShock skew, StaticDiscount staticDiscount, Basis basis, Contingencies contingencies,
    CollateralTerms collateralTerms, int maxExpiries) {

  /** Validates every field and copies the scenario list. */
  public DeriveParameters {
    Checks.notBlank(name, "name");
    Checks.notNull(scenarios, "scenarios");
    Checks.require(!scenarios.isEmpty() && scenarios.size() <= 40, "scenarios",
        "must hold 1 to 40 scenarios (Derive's setter), got " + scenarios.size());
    int linear = 0;
    int abs = 0;
    for (int i = 0; i < scenarios.size(); i++) {
      DeriveScenario s = Checks.notNull(scenarios.get(i), "scenarios[" + i + "]");
      linear += s.vol() == DeriveVolShock.LINEAR ? 1 : 0;
      abs += s.vol() == DeriveVolShock.ABS ? 1 : 0;
    }
    Checks.require(linear <= 1 && abs <= 1, "scenarios", "at most one LINEAR and one ABS skew scenario, got " + linear
        + " and " + abs);
    scenarios = List.copyOf(scenarios);
    Checks.inRange(mmFactor, 0.5, 10, "mm_factor");
    Checks.inRange(imFactor, 0.5, 10, "im_factor");
    Checks.notNull(volShock, "vol_shock");
    Checks.notNull(skew, "skew_shock");
    Checks.notNull(staticDiscount, "static_discount");
    Checks.notNull(basis, "basis_contingency");
    Checks.notNull(contingencies, "contingencies");
    Checks.notNull(collateralTerms, "collateral_terms");
    Checks.require(maxExpiries >= 1 && maxExpiries <= 30, "max_expiries", "must be 1 to 30, got " + maxExpiries);
  }

  /**
   * The vol-shock rule: m = (30 d / max(T, floor))^p with p = {@code shortTermPower} when T ≤ 30 d (unfloored T) else
   * {@code longTermPower}; up multiplier 1 + rangeUp·m, down max(0, 1 − rangeDown·m); up scenarios use
   * max(minVolUp, σ·up).
   *
   * @param rangeUp  the up range (0.5)
   * @param rangeDown  the down range (0.3 deploy, 0.275 test)
   * @param shortTermPower  p for T ≤ 30 days (0.3)
   * @param longTermPower  p beyond (0.13)
   * @param dteFloorSeconds  the floor of T in the multiplier, in seconds (one day), &gt; 0
   * @param minVolUp  the floor of every vol in up scenarios (0.40 deploy, 0.45 test)
   */
  public record VolShock(double rangeUp, double rangeDown, double shortTermPower, double longTermPower,
      double dteFloorSeconds, double minVolUp) {

    /** Validates the fields. */
    public VolShock {
      Checks.inRange(rangeUp, 0, 10, "vol_range_up");
      Checks.inRange(rangeDown, 0, 10, "vol_range_down");
      Checks.inRange(shortTermPower, -10, 10, "short_term_power");
      Checks.inRange(longTermPower, -10, 10, "long_term_power");
      Checks.require(dteFloorSeconds > 0 && dteFloorSeconds <= 400 * 86400.0, "dte_floor",
          "must be > 0 and at most 400 days in seconds, got " + dteFloorSeconds);
      Checks.inRange(minVolUp, 0, 20, "min_vol_up_shock");
    }
  }

  /**
   * The skew scenarios: cap = cBase·√T + baseCap; k* = max(minKStar, width·√T·(static + scale·√T)); the vol
   * multiplier is 1 + clamp(k·cap/k*, −cap, cap), with k = ln(K/F) (|k| for abs), and never below 0.
   *
   * @param linearBaseCap  base cap of the linear scenario
   * @param linearCBase  √T coefficient of the linear cap
   * @param absBaseCap  base cap of the abs scenario
   * @param absCBase  √T coefficient of the abs cap
   * @param minKStar  floor of k*
   * @param widthScale  k* width
   * @param volParamStatic  k* static vol parameter
   * @param volParamScale  k* √T vol parameter
   */
  public record SkewShock(double linearBaseCap, double linearCBase, double absBaseCap, double absCBase,
      double minKStar, double widthScale, double volParamStatic, double volParamScale) {

    /** Validates the fields (PMRMLib_2's setter bounds). */
    public SkewShock {
      Checks.inRange(linearBaseCap, 0, 10, "linear_base_cap");
      Checks.inRange(linearCBase, -10, 10, "linear_c_base");
      Checks.inRange(absBaseCap, 0, 10, "abs_base_cap");
      Checks.inRange(absCBase, -10, 10, "abs_c_base");
      Checks.inRange(minKStar, 0, 10, "min_k_star");
      Checks.inRange(widthScale, 0, 10, "width_scale");
      Checks.inRange(volParamStatic, 0, 10, "vol_param_static");
      Checks.inRange(volParamScale, -20, 20, "vol_param_scale");
    }
  }

  /**
   * The static discount that multiplies each expiry's shocked value (never the current MtM): for a value ≥ 0,
   * ρ = longBase·e^(−T(r·longRateMult + longRateAdd)); below 0, ρ = min(1/D, shortBase / e^(−T(r·shortRateMult +
   * shortRateAdd))), with r the expiry's rate floored at 0 and D = e^(−rT).
   *
   * @param longBase  base for positive values
   * @param longRateMult  rate multiplier for positive values
   * @param longRateAdd  added rate for positive values
   * @param shortBase  base for negative values
   * @param shortRateMult  rate multiplier for negative values
   * @param shortRateAdd  added rate for negative values
   */
  public record StaticDiscount(double longBase, double longRateMult, double longRateAdd, double shortBase,
      double shortRateMult, double shortRateAdd) {

    /** Validates the fields (PMRMLib_2's setter bounds). */
    public StaticDiscount {
      Checks.inRange(longBase, 0, 4, "long_base_static_discount");
      Checks.inRange(longRateMult, 0, 10, "long_rate_mult_scale");
      Checks.inRange(longRateAdd, 0, 10, "long_rate_add_scale");
      Checks.inRange(shortBase, 0, 4, "short_base_static_discount");
      Checks.inRange(shortRateMult, 0, 10, "short_rate_mult_scale");
      Checks.inRange(shortRateAdd, 0, 10, "short_rate_add_scale");
    }
  }

  /**
   * The basis contingency B = Σ_expiry min(V(up) − V, V(down) − V, 0)·(addFactor + multFactor·T), at unshocked vols
   * without static discount or dampening; it competes with the scenarios as the worst loss.
   *
   * @param spotUp  the up move of the forwards' variable parts (1.045)
   * @param spotDown  the down move (0.955)
   * @param addFactor  0.5
   * @param multFactor  2 (per year)
   */
  public record Basis(double spotUp, double spotDown, double addFactor, double multFactor) {

    /** Validates the fields (PMRMLib_2's setter bounds). */
    public Basis {
      Checks.require(spotUp > 1 && spotUp < 3, "basis_spot_up", "must be in (1, 3), got " + spotUp);
      Checks.require(spotDown > 0 && spotDown < 1, "basis_spot_down", "must be in (0, 1), got " + spotDown);
      Checks.inRange(addFactor, 0, 20, "basis_add_factor");
      Checks.inRange(multFactor, 0, 20, "basis_mult_factor");
    }
  }

  /**
   * The add-ons beyond the worst loss: perp and naked-short percentages of notional at the index (MM part and the
   * extra for IM), the oracle-confidence contingency (IM only, (1 − c)·confMargin·notional when c &lt; confThreshold)
   * and the peg add-on to the IM factor, max(0, pegLossThreshold − stable price)·pegLossFactor.
   *
   * @param mmPerpPercent  perp MM percentage of |q|·index
   * @param imPerpPercent  perp IM extra
   * @param mmOptionPercent  naked-short MM percentage of naked·index
   * @param imOptionPercent  naked-short IM extra
   * @param confThreshold  confidence below which the oracle contingency applies
   * @param confMargin  the oracle contingency's scale
   * @param pegLossThreshold  stable price below which the IM factor grows
   * @param pegLossFactor  growth of the IM factor per unit of depeg
   */
  public record Contingencies(double mmPerpPercent, double imPerpPercent, double mmOptionPercent,
      double imOptionPercent, double confThreshold, double confMargin, double pegLossThreshold, double pegLossFactor) {

    /** Validates the fields (PMRMLib_2's setter bounds). */
    public Contingencies {
      Checks.inRange(mmPerpPercent, 0, 3, "mm_perp_percent");
      Checks.inRange(imPerpPercent, 0, 3, "im_perp_percent");
      Checks.inRange(mmOptionPercent, 0, 2, "mm_option_percent");
      Checks.inRange(imOptionPercent, 0, 2, "im_option_percent");
      Checks.inRange(confThreshold, 0, 1, "conf_threshold");
      Checks.inRange(confMargin, 0, 20, "conf_margin");
      Checks.inRange(pegLossThreshold, 0, 100, "peg_loss_threshold");
      Checks.inRange(pegLossFactor, 0, 10, "peg_loss_factor");
    }
  }

  /**
   * Haircuts of one kind of collateral: MM contingency value·mm, IM extra value·im.
   *
   * @param mmHaircut  in [0, 1]
   * @param imHaircut  in [0, 1]
   */
  public record Haircuts(double mmHaircut, double imHaircut) {

    /** Validates the fields. */
    public Haircuts {
      Checks.inRange(mmHaircut, 0, 1, "mm_haircut");
      Checks.inRange(imHaircut, 0, 1, "im_haircut");
    }
  }

  /**
   * How {@link DeriveAccountAdapter} turns balances into Derive collateral: the manager's own coin is risk-cancelling
   * (it moves with the spot shock), stablecoins and other coins are not.
   *
   * @param baseAsset  haircuts of the manager's own coin
   * @param stablecoin  haircuts of a stablecoin other than the cash asset
   * @param otherAsset  haircuts of any other asset
   * @param stablecoins  the assets counted as stablecoins
   */
  public record CollateralTerms(Haircuts baseAsset, Haircuts stablecoin, Haircuts otherAsset, Set<Asset> stablecoins) {

    /** Validates and copies. */
    public CollateralTerms {
      Checks.notNull(baseAsset, "base_asset");
      Checks.notNull(stablecoin, "stablecoin");
      Checks.notNull(otherAsset, "other_asset");
      stablecoins = Set.copyOf(new TreeSet<>(Checks.notNull(stablecoins, "stablecoins")));
    }

    /** The repository's test-vector haircuts (see the class comment). */
    public static CollateralTerms testVectors() {
      return new CollateralTerms(new Haircuts(0.02, 0.01), new Haircuts(0.02, 0.03), new Haircuts(0.25, 0.05),
          Set.of(Asset.USD, Asset.USDT, Asset.of("USDE"), Asset.of("DAI"), Asset.of("SDAI"), Asset.of("PYUSD")));
    }

    /** The haircuts of an asset held in the manager of {@code underlying}. */
    public Haircuts of(Asset asset, Asset underlying) {
      return asset.equals(underlying) ? baseAsset : stablecoins.contains(asset) ? stablecoin : otherAsset;
    }
  }

  /**
   * The deploy config of §11 (scripts/config-mainnet.sol as §11 reads it; production values live in Derive's docs):
   * 33 scenarios (23 with w = 1, 8 tails with w·|s − 1| = 0.1386, 2 skews), vol ranges 0.5/0.3 with a 0.40 floor in
   * up scenarios, skew cap 0.25 with c_base −0.1, k* = max(0.01, 4·√T·0.6), static discount 1.05/0.95 with add
   * 0.16 and mult 0 (anti-conservative for short expiries, see the class comment), basis 1.045/0.955 with
   * 0.5 + 2T, perp 3% + 1%, naked shorts 0.3% + 0.2%, oracle 0.55/1.0, peg 0.99/4, MM factor 0.8, IM factor 1.0.
   */
  public static DeriveParameters mainnet() {
    List<DeriveScenario> s = new ArrayList<>();
    s.add(new DeriveScenario(1.18, DeriveVolShock.UP, 1));
    for (double m : new double[] {1.135, 1.09, 1.045, 1.0, 0.955, 0.91, 0.865}) {
      s.add(new DeriveScenario(m, DeriveVolShock.UP, 1));
      s.add(new DeriveScenario(m, DeriveVolShock.NONE, 1));
      s.add(new DeriveScenario(m, DeriveVolShock.DOWN, 1));
    }
    s.add(new DeriveScenario(0.82, DeriveVolShock.UP, 1));
    double[][] tails = {{0.34, 0.21}, {0.67, 0.42}, {1.5, 0.2772}, {2, 0.1386}, {3, 0.0693}, {4, 0.0462},
        {5, 0.03465}, {6, 0.02772}};
    for (double[] t : tails) {
      s.add(new DeriveScenario(t[0], DeriveVolShock.UP, t[1]));
    }
    s.add(new DeriveScenario(1, DeriveVolShock.LINEAR, 1));
    s.add(new DeriveScenario(1, DeriveVolShock.ABS, 1));
    return new DeriveParameters("derive-mainnet", s, 0.8, 1.0,
        new VolShock(0.5, 0.3, 0.3, 0.13, 86400, 0.40),
        new SkewShock(0.25, -0.1, 0.25, -0.1, 0.01, 4, 0.6, 0),
        new StaticDiscount(1.05, 0, 0.16, 0.95, 0, 0.16),
        new Basis(1.045, 0.955, 0.5, 2),
        new Contingencies(0.03, 0.01, 0.003, 0.002, 0.55, 1.0, 0.99, 4),
        CollateralTerms.testVectors(), 11);
  }

  /**
   * The parameters of the repository's PM2 test vectors (test/risk-managers/unit-tests/PMRM_2/portfolio_cases/*.json):
   * 31 scenarios (23 with w = 1; tails 0.34, 0.67, 1.5, 2, 3, 4 with w·|s − 1| = 0.036; 2 skews), vol ranges
   * 0.5/0.275 with a 0.45 floor, skew caps 0.15 with c_base −0.05, k* = max(0.01, 4·√T·(0.6 − 0.1·√T)), static
   * discount 0.95·e^(−T(r + 0.08)) and 1.04/e^(−T(0.5r + 0.08)), basis 1.045/0.955 with 0.5 + 2T, perp 1.5% + 0.5%,
   * naked shorts 0.3% + 0.2%, oracle 0.55/1.0, peg 0.98/2, MM factor 0.8, IM factor 1.0.
   */
  public static DeriveParameters testSet() {
    List<DeriveScenario> s = new ArrayList<>();
    s.add(new DeriveScenario(1.18, DeriveVolShock.UP, 1));
    for (double m : new double[] {1.135, 1.09, 1.045, 1.0, 0.955, 0.91, 0.865}) {
      s.add(new DeriveScenario(m, DeriveVolShock.DOWN, 1));
      s.add(new DeriveScenario(m, DeriveVolShock.NONE, 1));
      s.add(new DeriveScenario(m, DeriveVolShock.UP, 1));
    }
    s.add(new DeriveScenario(0.82, DeriveVolShock.UP, 1));
    for (double t : new double[] {0.34, 0.67, 1.5, 2, 3, 4}) {
      s.add(new DeriveScenario(t, DeriveVolShock.UP, 0.036 / Math.abs(t - 1)));
    }
    s.add(new DeriveScenario(1, DeriveVolShock.LINEAR, 1));
    s.add(new DeriveScenario(1, DeriveVolShock.ABS, 1));
    return new DeriveParameters("derive-test", s, 0.8, 1.0,
        new VolShock(0.5, 0.275, 0.3, 0.13, 86400, 0.45),
        new SkewShock(0.15, -0.05, 0.15, -0.05, 0.01, 4, 0.6, -0.1),
        new StaticDiscount(0.95, 1, 0.08, 1.04, 0.5, 0.08),
        new Basis(1.045, 0.955, 0.5, 2),
        new Contingencies(0.015, 0.005, 0.003, 0.002, 0.55, 1.0, 0.98, 2),
        CollateralTerms.testVectors(), 30);
  }

  /** The same parameters with another scenario list. */
  public DeriveParameters withScenarios(List<DeriveScenario> newScenarios) {
    return new DeriveParameters(name, newScenarios, mmFactor, imFactor, volShock, skew, staticDiscount, basis,
        contingencies, collateralTerms, maxExpiries);
  }

  /**
   * The same parameters with one number replaced, by its PMRMLib_2 name: {@code mmFactor}, {@code imFactor},
   * {@code volRangeUp}, {@code volRangeDown}, {@code shortTermPower}, {@code longTermPower}, {@code dteFloorDays},
   * {@code minVolUpShock}, {@code linearBaseCap}, {@code linearCBase}, {@code absBaseCap}, {@code absCBase},
   * {@code minKStar}, {@code widthScale}, {@code volParamStatic}, {@code volParamScale},
   * {@code longBaseStaticDiscount}, {@code longRateMultScale}, {@code longRateAddScale},
   * {@code shortBaseStaticDiscount}, {@code shortRateMultScale}, {@code shortRateAddScale}, {@code basisSpotUp},
   * {@code basisSpotDown}, {@code basisAddFactor}, {@code basisMultFactor}, {@code mmPerpPercent},
   * {@code imPerpPercent}, {@code mmOptionPercent}, {@code imOptionPercent}, {@code confThreshold},
   * {@code confMargin}, {@code pegLossThreshold}, {@code pegLossFactor}.
   *
   * @param key  the parameter's name
   * @param value  its new value
   * @return the new parameters, validated
   * @throws InvalidInputException naming the key when it is unknown or the value out of range
   */
  public DeriveParameters with(String key, double value) {
    VolShock v = volShock;
    SkewShock k = skew;
    StaticDiscount d = staticDiscount;
    Basis b = basis;
    Contingencies c = contingencies;
    double mm = mmFactor;
    double im = imFactor;
    switch (Checks.notBlank(key, "parameter")) {
      case "mmFactor" -> mm = value;
      case "imFactor" -> im = value;
      case "volRangeUp" -> v = new VolShock(value, v.rangeDown(), v.shortTermPower(), v.longTermPower(),
          v.dteFloorSeconds(), v.minVolUp());
      case "volRangeDown" -> v = new VolShock(v.rangeUp(), value, v.shortTermPower(), v.longTermPower(),
          v.dteFloorSeconds(), v.minVolUp());
      case "shortTermPower" -> v = new VolShock(v.rangeUp(), v.rangeDown(), value, v.longTermPower(),
          v.dteFloorSeconds(), v.minVolUp());
      case "longTermPower" -> v = new VolShock(v.rangeUp(), v.rangeDown(), v.shortTermPower(), value,
          v.dteFloorSeconds(), v.minVolUp());
      case "dteFloorDays" -> v = new VolShock(v.rangeUp(), v.rangeDown(), v.shortTermPower(), v.longTermPower(),
          value * 86400, v.minVolUp());
      case "minVolUpShock" -> v = new VolShock(v.rangeUp(), v.rangeDown(), v.shortTermPower(), v.longTermPower(),
          v.dteFloorSeconds(), value);
      case "linearBaseCap" -> k = new SkewShock(value, k.linearCBase(), k.absBaseCap(), k.absCBase(), k.minKStar(),
          k.widthScale(), k.volParamStatic(), k.volParamScale());
      case "linearCBase" -> k = new SkewShock(k.linearBaseCap(), value, k.absBaseCap(), k.absCBase(), k.minKStar(),
          k.widthScale(), k.volParamStatic(), k.volParamScale());
      case "absBaseCap" -> k = new SkewShock(k.linearBaseCap(), k.linearCBase(), value, k.absCBase(), k.minKStar(),
          k.widthScale(), k.volParamStatic(), k.volParamScale());
      case "absCBase" -> k = new SkewShock(k.linearBaseCap(), k.linearCBase(), k.absBaseCap(), value, k.minKStar(),
          k.widthScale(), k.volParamStatic(), k.volParamScale());
      case "minKStar" -> k = new SkewShock(k.linearBaseCap(), k.linearCBase(), k.absBaseCap(), k.absCBase(), value,
          k.widthScale(), k.volParamStatic(), k.volParamScale());
      case "widthScale" -> k = new SkewShock(k.linearBaseCap(), k.linearCBase(), k.absBaseCap(), k.absCBase(),
          k.minKStar(), value, k.volParamStatic(), k.volParamScale());
      case "volParamStatic" -> k = new SkewShock(k.linearBaseCap(), k.linearCBase(), k.absBaseCap(), k.absCBase(),
          k.minKStar(), k.widthScale(), value, k.volParamScale());
      case "volParamScale" -> k = new SkewShock(k.linearBaseCap(), k.linearCBase(), k.absBaseCap(), k.absCBase(),
          k.minKStar(), k.widthScale(), k.volParamStatic(), value);
      case "longBaseStaticDiscount" -> d = new StaticDiscount(value, d.longRateMult(), d.longRateAdd(), d.shortBase(),
          d.shortRateMult(), d.shortRateAdd());
      case "longRateMultScale" -> d = new StaticDiscount(d.longBase(), value, d.longRateAdd(), d.shortBase(),
          d.shortRateMult(), d.shortRateAdd());
      case "longRateAddScale" -> d = new StaticDiscount(d.longBase(), d.longRateMult(), value, d.shortBase(),
          d.shortRateMult(), d.shortRateAdd());
      case "shortBaseStaticDiscount" -> d = new StaticDiscount(d.longBase(), d.longRateMult(), d.longRateAdd(), value,
          d.shortRateMult(), d.shortRateAdd());
      case "shortRateMultScale" -> d = new StaticDiscount(d.longBase(), d.longRateMult(), d.longRateAdd(),
          d.shortBase(), value, d.shortRateAdd());
      case "shortRateAddScale" -> d = new StaticDiscount(d.longBase(), d.longRateMult(), d.longRateAdd(),
          d.shortBase(), d.shortRateMult(), value);
      case "basisSpotUp" -> b = new Basis(value, b.spotDown(), b.addFactor(), b.multFactor());
      case "basisSpotDown" -> b = new Basis(b.spotUp(), value, b.addFactor(), b.multFactor());
      case "basisAddFactor" -> b = new Basis(b.spotUp(), b.spotDown(), value, b.multFactor());
      case "basisMultFactor" -> b = new Basis(b.spotUp(), b.spotDown(), b.addFactor(), value);
      case "mmPerpPercent" -> c = new Contingencies(value, c.imPerpPercent(), c.mmOptionPercent(),
          c.imOptionPercent(), c.confThreshold(), c.confMargin(), c.pegLossThreshold(), c.pegLossFactor());
      case "imPerpPercent" -> c = new Contingencies(c.mmPerpPercent(), value, c.mmOptionPercent(),
          c.imOptionPercent(), c.confThreshold(), c.confMargin(), c.pegLossThreshold(), c.pegLossFactor());
      case "mmOptionPercent" -> c = new Contingencies(c.mmPerpPercent(), c.imPerpPercent(), value,
          c.imOptionPercent(), c.confThreshold(), c.confMargin(), c.pegLossThreshold(), c.pegLossFactor());
      case "imOptionPercent" -> c = new Contingencies(c.mmPerpPercent(), c.imPerpPercent(), c.mmOptionPercent(),
          value, c.confThreshold(), c.confMargin(), c.pegLossThreshold(), c.pegLossFactor());
      case "confThreshold" -> c = new Contingencies(c.mmPerpPercent(), c.imPerpPercent(), c.mmOptionPercent(),
          c.imOptionPercent(), value, c.confMargin(), c.pegLossThreshold(), c.pegLossFactor());
      case "confMargin" -> c = new Contingencies(c.mmPerpPercent(), c.imPerpPercent(), c.mmOptionPercent(),
          c.imOptionPercent(), c.confThreshold(), value, c.pegLossThreshold(), c.pegLossFactor());
      case "pegLossThreshold" -> c = new Contingencies(c.mmPerpPercent(), c.imPerpPercent(), c.mmOptionPercent(),
          c.imOptionPercent(), c.confThreshold(), c.confMargin(), value, c.pegLossFactor());
      case "pegLossFactor" -> c = new Contingencies(c.mmPerpPercent(), c.imPerpPercent(), c.mmOptionPercent(),
          c.imOptionPercent(), c.confThreshold(), c.confMargin(), c.pegLossThreshold(), value);
      default -> throw new InvalidInputException("parameter", "unknown Derive parameter '" + key + "'");
    }
    return new DeriveParameters(name, scenarios, mm, im, v, k, d, b, c, collateralTerms, maxExpiries);
  }
}
