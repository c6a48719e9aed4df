package org.pmargin.core.margin.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.margin.MarginComponent;
import org.pmargin.core.margin.MarginResult;

/**
 * The §11 rules one at a time, each against numbers computed independently in python3 with scipy (the script is in
 * each test's comment; b76 is discounted Black-76 written from its textbook formula with scipy.stats.norm).
 */
class DeriveRulesTest {

  private static final double YEAR = 31_536_000.0;

  private static DerivePortfolio book(double spot, List<DerivePortfolio.Expiry> expiries) {
    return new DerivePortfolio(Asset.ETH, spot, 1, 1, 0, DerivePortfolio.Perp.none(), expiries, List.of());
  }

  private static DeriveParameters only(DeriveParameters p, DeriveScenario... scenarios) {
    return p.withScenarios(List.of(scenarios));
  }

  private static double rel(double expected) {
    return 1e-9 * Math.max(1, Math.abs(expected));
  }

  /*
   * m = (30 d / max(T, 1 d))^(0.3 if T <= 30 d else 0.13); up = 1 + 0.5 m; down = max(0, 1 - 0.3 m)   (deploy config)
   * for sec in (7*86400, 60*86400, 43200):
   *     m = (30*86400/max(sec, 86400)) ** (0.3 if sec <= 30*86400 else 0.13); print(1 + 0.5*m, max(0, 1 - 0.3*m))
   * -> 7 d:  1.7737077886054067 0.5357753268367561
   *    60 d: 1.4569157251147002 0.7258505649311799
   *    12 h: 2.3870955573360906 0.16774266559834572   (floored at one day, short-term power)
   */
  @Test
  void shouldShockVolsByTheDaysToExpiryRule() {
    DeriveModel model = new DeriveModel(DeriveParameters.mainnet());
    long[] seconds = {7 * 86400, 60 * 86400, 43200};
    double[][] expected = {{1.7737077886054067, 0.5357753268367561}, {1.4569157251147002, 0.7258505649311799},
        {2.3870955573360906, 0.16774266559834572}};
    for (int i = 0; i < seconds.length; i++) {
      DerivePortfolio p = book(2000, List.of(DerivePortfolio.Expiry.of(seconds[i], 2000, 0,
          List.of(DerivePortfolio.Option.of(2000, OptionType.CALL, 0.5, 1)))));
      DeriveMargin.ExpiryDetail d = model.evaluate(p).expiries().get(0);
      assertThat(d.volUp()).as("up at %d s", seconds[i]).isCloseTo(expected[i][0], within(1e-12));
      assertThat(d.volDown()).as("down at %d s", seconds[i]).isCloseTo(expected[i][1], within(1e-12));
    }
  }

  /*
   * Skew (test set) on a 10%-OTM call (K = 2200) and a 10%-OTM put (K = 2000/1.1), F = 2000, T = 30 d, vol 0.6, r = 0:
   * T = 30*86400/31536000; sT = sqrt(T); cap = 0.15 - 0.05*sT; ks = max(0.01, 4*sT*(0.6 - 0.1*sT))
   * rho = 0.95*exp(-T*0.08)      (the shocked values are positive)
   * k = log(K/F) (abs for ABS); mult = 1 + (min(cap, k*cap/ks) if k >= 0 else max(-cap, k*cap/ks))
   * P = -abs(rho*b76(call, F, K, T, 0.6*mult, 1) - b76(call, F, K, T, 0.6, 1))
   * -> cap 0.1356654455229751, k* 0.6551819025684279
   *    call 2200: mult 1.0197354321835501 (both skews), P -1.3797253300634225
   *    put 1818.18: LINEAR mult 0.9802645678164498, P -5.4197099662808625; ABS mult 1.0197354321835501,
   *    P -1.2542957546029783
   */
  @Test
  void shouldTiltVolsBySkewOnATenPercentOtmStrike() {
    DeriveModel model = new DeriveModel(only(DeriveParameters.testSet(),
        new DeriveScenario(1, DeriveVolShock.LINEAR, 1), new DeriveScenario(1, DeriveVolShock.ABS, 1)));
    long seconds = 30 * 86400;
    DeriveMargin call = model.evaluate(book(2000, List.of(DerivePortfolio.Expiry.of(seconds, 2000, 0,
        List.of(DerivePortfolio.Option.of(2200, OptionType.CALL, 0.6, 1))))));
    assertThat(call.scenarioPnls().get(0)).isCloseTo(-1.3797253300634225, within(rel(1.38)));
    assertThat(call.scenarioPnls().get(1)).isCloseTo(-1.3797253300634225, within(rel(1.38)));
    DeriveMargin put = model.evaluate(book(2000, List.of(DerivePortfolio.Expiry.of(seconds, 2000, 0,
        List.of(DerivePortfolio.Option.of(2000 / 1.1, OptionType.PUT, 0.6, 1))))));
    assertThat(put.scenarioPnls().get(0)).as("linear lowers the put wing's vol").isCloseTo(-5.4197099662808625,
        within(rel(5.42)));
    assertThat(put.scenarioPnls().get(1)).as("abs raises it").isCloseTo(-1.2542957546029783, within(rel(1.25)));
  }

  /*
   * The static discount multiplies the shocked value, so even the 0% scenario has P&L (rho - 1)*V.
   * T = 0.25 (7,884,000 s), r = 0.05, F = K = 2000, vol 0.5; D = exp(-r*T); V = b76(call, 2000, 2000, T, 0.5, D)
   * test set: pos = 0.95*exp(-T*(r + 0.08)); neg = min(1/D, 1.04/exp(-T*(0.5*r + 0.08)))
   * deploy:   pos = 1.05*exp(-T*0.16);       neg = min(1/D, 0.95/exp(-T*0.16))
   * -> V 196.48146671277235; test pos 0.9196213273397407, neg 1.0125784515406344 (= 1/D: the cap binds)
   *    long (pos-1)*V = -15.79291949671357, short (neg-1)*(-V) = -2.471432607679381
   *    deploy pos 1.0088289111099393, neg 0.9887702354827688: long +1.7347174043575704, short +2.2064406031846406
   *    (the deploy config's anti-conservative direction: both books gain in the unmoved scenario)
   */
  @Test
  void shouldApplyTheStaticDiscountToPositiveAndNegativeShockedValues() {
    DeriveScenario flat = new DeriveScenario(1, DeriveVolShock.NONE, 1);
    long seconds = 7_884_000;
    for (double amount : new double[] {1, -1}) {
      DerivePortfolio p = book(2000, List.of(DerivePortfolio.Expiry.of(seconds, 2000, 0.05,
          List.of(DerivePortfolio.Option.of(2000, OptionType.CALL, 0.5, amount)))));
      DeriveMargin test = new DeriveModel(only(DeriveParameters.testSet(), flat)).evaluate(p);
      DeriveMargin deploy = new DeriveModel(only(DeriveParameters.mainnet(), flat)).evaluate(p);
      assertThat(test.optionMtm()).isCloseTo(196.48146671277235 * amount, within(rel(196)));
      assertThat(test.expiries().get(0).discountPositive()).isCloseTo(0.9196213273397407, within(1e-14));
      assertThat(test.expiries().get(0).discountNegative()).isCloseTo(1.0125784515406344, within(1e-14));
      assertThat(test.expiries().get(0).discountNegative()).isCloseTo(Math.exp(0.05 * seconds / YEAR),
          within(1e-14));
      assertThat(test.scenarioPnls().get(0)).isCloseTo(amount > 0 ? -15.79291949671357 : -2.471432607679381,
          within(rel(16)));
      assertThat(deploy.scenarioPnls().get(0)).isCloseTo(amount > 0 ? 1.7347174043575704 : 2.2064406031846406,
          within(rel(2)));
      // the same scenario without the static discount has no P&L at all
      assertThat(new DeriveModel(only(DeriveParameters.testSet(), flat).with("longBaseStaticDiscount", 1)
          .with("longRateMultScale", 0).with("longRateAddScale", 0).with("shortBaseStaticDiscount", 1)
          .with("shortRateMultScale", 0).with("shortRateAddScale", 0)).evaluate(p).scenarioPnls().get(0))
          .isCloseTo(0, within(1e-12));
    }
  }

  /*
   * B = min(V(1.045 F) - V, V(0.955 F) - V, 0) * (0.5 + 2T) at unshocked vols, no static discount, no dampening.
   * Short call F = K = 2000, vol 0.5, r = 0.05: for T in (0.25, 0.5): D = exp(-r*T); V = -b76(call, 2000, 2000, T, 0.5, D)
   *   up = -b76(call, 2090, 2000, T, 0.5, D) - V; dn = -b76(call, 1910, 2000, T, 0.5, D) - V
   * -> T 0.25: up -51.951011624749015, factor 1.0, B -51.951011624749015
   *    T 0.5:  up -52.19049118467893,  factor 1.5, B -78.2857367770184
   * With one unmoved scenario and no static discount (bases 1, no adds), the scenario's P&L is 0, so B is the worst
   * loss: MM = 0.8*B - MMc + MtM, with MMc = 0.3% of one naked short at the index 2000 = 6.
   */
  @Test
  void shouldCompeteTheBasisContingencyAsTheWorstLoss() {
    DeriveParameters p = only(DeriveParameters.testSet(), new DeriveScenario(1, DeriveVolShock.NONE, 1))
        .with("longBaseStaticDiscount", 1).with("longRateMultScale", 0).with("longRateAddScale", 0)
        .with("shortBaseStaticDiscount", 1).with("shortRateMultScale", 0).with("shortRateAddScale", 0);
    DeriveModel model = new DeriveModel(p);
    long[] seconds = {7_884_000, 15_768_000};
    double[] expected = {-51.951011624749015, -78.2857367770184};
    for (int i = 0; i < 2; i++) {
      DerivePortfolio book = book(2000, List.of(DerivePortfolio.Expiry.of(seconds[i], 2000, 0.05,
          List.of(DerivePortfolio.Option.of(2000, OptionType.CALL, 0.5, -1)))));
      DeriveMargin m = model.evaluate(book);
      assertThat(m.basisContingency()).isCloseTo(expected[i], within(rel(80)));
      assertThat(m.basisIsWorst()).isTrue();
      assertThat(m.minSpan()).isEqualTo(m.basisContingency());
      assertThat(m.maintenanceSurplus()).isCloseTo(0.8 * expected[i] - 6 + m.markToMarket(), within(1e-6));
      assertThat(m.maintenanceRequirement()).isCloseTo(-0.8 * expected[i] + 6, within(1e-6));
      MarginResult r = model.result(List.of(book));
      assertThat(r.pools().get(0).components()).extracting(MarginComponent::name)
          .contains("basis_contingency").doesNotContain("worst_scenario");
      assertThat(r.pools().get(0).drivingScenario()).isEqualTo("basis contingency");
    }
  }

  /*
   * Naked shorts are netted per strike over calls and puts together (pairwise, type-blind), never across strikes:
   * 2000: call -3, put +1 -> 2; 2200: call -1 -> 1 (the long 2400 call does not cover it); 2400: +1 -> 0;
   * 1800: call -1, put -2 -> 3. Total 6 at the index 2000: MM 6*2000*0.003 = 36, IM extra 6*2000*0.002 = 24.
   */
  @Test
  void shouldNetNakedShortsPerStrikeAcrossCallsAndPuts() {
    List<DerivePortfolio.Option> options = List.of(DerivePortfolio.Option.of(2000, OptionType.CALL, 0.5, -3),
        DerivePortfolio.Option.of(2000, OptionType.PUT, 0.5, 1), DerivePortfolio.Option.of(2200, OptionType.CALL,
            0.5, -1), DerivePortfolio.Option.of(2400, OptionType.CALL, 0.5, 1),
        DerivePortfolio.Option.of(1800, OptionType.CALL, 0.5, -1), DerivePortfolio.Option.of(1800, OptionType.PUT,
            0.5, -2));
    DeriveMargin m = new DeriveModel(DeriveParameters.testSet()).evaluate(book(2000,
        List.of(DerivePortfolio.Expiry.of(30 * 86400, 2000, 0, options))));
    assertThat(m.expiries().get(0).nakedShorts()).isEqualTo(6);
    assertThat(m.mmOption()).isCloseTo(36, within(1e-9));
    assertThat(m.imOption()).isCloseTo(24, within(1e-9));
  }

  /*
   * Oracle contingency (IM only): (1 - c)*1.0*notional when c < 0.55, per bucket.
   * Spot confidence 0.5, a held perp of 2 with confidence 0.9, one expiry (long 1, short 2: gross 3), ETH collateral
   * of 1 at 2000 (confidence 1), index 2000, stable 1:
   *   perp c = min(0.5, 0.9) = 0.5 -> 0.5*2*2000 = 2000; expiry c = 0.5 -> 0.5*3*2000 = 3000;
   *   collateral c = min(1, 0.5) = 0.5 -> 0.5*2000 = 1000; total 6000.
   * Spot 1, perp confidence 0.3: perp 0.7*4000 = 2800, expiry 0.7*6000 = 4200, collateral (never the perp's) 0.
   * The same with no perp held: 0. At exactly 0.55: 0 (the rule is strict).
   */
  @Test
  void shouldChargeTheOracleContingencyBelowConfidence055() {
    DeriveModel model = new DeriveModel(DeriveParameters.testSet());
    List<DerivePortfolio.Expiry> ex = List.of(DerivePortfolio.Expiry.of(30 * 86400, 2000, 0, List.of(
        DerivePortfolio.Option.of(2000, OptionType.CALL, 0.5, 1), DerivePortfolio.Option.of(2200, OptionType.CALL,
            0.5, -2))));
    List<DerivePortfolio.Collateral> eth = List.of(new DerivePortfolio.Collateral("ETH", 1, 2000, 1, true, 0.02,
        0.01));
    DerivePortfolio.Perp perp09 = new DerivePortfolio.Perp("perp", 2, 2000, 0.9, 0, 0);
    assertThat(model.evaluate(new DerivePortfolio(Asset.ETH, 2000, 0.5, 1, 0, perp09, ex, eth)).oracle())
        .isCloseTo(6000, within(1e-9));
    DerivePortfolio.Perp perp03 = new DerivePortfolio.Perp("perp", 2, 2000, 0.3, 0, 0);
    DeriveMargin low = model.evaluate(new DerivePortfolio(Asset.ETH, 2000, 1, 1, 0, perp03, ex, eth));
    assertThat(low.oracle()).isCloseTo(7000, within(1e-9));
    assertThat(low.expiries().get(0).oracle()).isCloseTo(4200, within(1e-9));
    DerivePortfolio.Perp notHeld = new DerivePortfolio.Perp("perp", 0, 2000, 0.3, 0, 0);
    assertThat(model.evaluate(new DerivePortfolio(Asset.ETH, 2000, 1, 1, 0, notHeld, ex, eth)).oracle()).isZero();
    assertThat(model.evaluate(new DerivePortfolio(Asset.ETH, 2000, 0.55, 1, 0, perp09, ex, eth)).oracle()).isZero();
    // the oracle contingency is in IM only
    DeriveMargin at1 = model.evaluate(new DerivePortfolio(Asset.ETH, 2000, 1, 1, 0, perp09, ex, eth));
    DeriveMargin at05 = model.evaluate(new DerivePortfolio(Asset.ETH, 2000, 0.5, 1, 0, perp09, ex, eth));
    assertThat(at05.maintenanceSurplus()).isCloseTo(at1.maintenanceSurplus(), within(1e-9));
    assertThat(at1.initialSurplus() - at05.initialSurplus()).isCloseTo(6000, within(1e-6));
  }

  /*
   * Peg add-on (deploy config): f_IM = 1 + max(0, 0.99 - stable)*4: stable 0.95 -> 1.16, 0.985 -> 1.02, 0.99 and
   * 1.0 -> 1. The add-on multiplies the worst loss in IM only.
   */
  @Test
  void shouldRaiseTheImFactorWhenTheStablecoinDepegs() {
    DeriveModel model = new DeriveModel(DeriveParameters.mainnet());
    double[][] cases = {{0.95, 1.16}, {0.985, 1.02}, {0.99, 1.0}, {1.0, 1.0}};
    List<DerivePortfolio.Expiry> ex = List.of(DerivePortfolio.Expiry.of(30 * 86400, 2000, 0, List.of(
        DerivePortfolio.Option.of(2000, OptionType.CALL, 0.5, -1))));
    for (double[] c : cases) {
      DeriveMargin m = model.evaluate(new DerivePortfolio(Asset.ETH, 2000, 1, c[0], 0, DerivePortfolio.Perp.none(),
          ex, List.of()));
      assertThat(m.imFactor()).as("stable %s", c[0]).isCloseTo(c[1], within(1e-12));
      assertThat(m.initialRequirement()).isCloseTo(-c[1] * m.minSpan() + m.maintenanceContingency()
          + m.initialContingency(), within(1e-9));
      assertThat(m.maintenanceRequirement()).isCloseTo(-0.8 * m.minSpan() + m.maintenanceContingency(),
          within(1e-9));
    }
  }

  /*
   * The perp contingency is a percentage of |q| times the index, not the perp's mark: deploy 3% (MM) + 1% (IM) of
   * 2 * 2000 = 120 and 40, though the perp trades at 2100; its scenario move uses the mark: the 0.82 scenario loses
   * 2 * 0.18 * 2100 = 756 on the long perp. Its unrealised P&L and funding are in the MtM and never shocked.
   */
  @Test
  void shouldChargeThePerpOnTheIndexAndShockItAtItsMark() {
    DeriveModel model = new DeriveModel(only(DeriveParameters.mainnet(), new DeriveScenario(0.82,
        DeriveVolShock.UP, 1)));
    DerivePortfolio p = new DerivePortfolio(Asset.ETH, 2000, 1, 1, 500, new DerivePortfolio.Perp("ETH-PERP", 2, 2100,
        1, 150, -5), List.of(), List.of());
    DeriveMargin m = model.evaluate(p);
    assertThat(m.mmPerp()).isCloseTo(120, within(1e-9));
    assertThat(m.imPerp()).isCloseTo(40, within(1e-9));
    assertThat(m.scenarioPnls().get(0)).isCloseTo(-756, within(1e-9));
    assertThat(m.markToMarket()).isCloseTo(145, within(1e-12));
    assertThat(m.maintenanceSurplus()).isCloseTo(0.8 * -756 - 120 + 145 + 500, within(1e-9));
    assertThat(m.initialSurplus()).isCloseTo(-756 - 160 + 145 + 500, within(1e-9));
  }

  /*
   * Tail dampening: with w*|s - 1| = 0.1386 a linear book loses no more in any deploy tail than 0.1386 of its
   * notional; a long perp of 1 at 2000 loses 277.2 in the 0.34 tail (0.21*0.66*2000) and 360 in the 0.82 scenario.
   */
  @Test
  void shouldDampenTheTailsSoALinearBookLosesNoMoreThanTheRegularRange() {
    DeriveParameters p = DeriveParameters.mainnet();
    DeriveMargin m = new DeriveModel(p).evaluate(new DerivePortfolio(Asset.ETH, 2000, 1, 1, 0,
        new DerivePortfolio.Perp("perp", 1, 2000, 1, 0, 0), List.of(), List.of()));
    for (int j = 0; j < p.scenarios().size(); j++) {
      DeriveScenario s = p.scenarios().get(j);
      if (Math.abs(s.spotShock() - 1) > 0.2) {
        assertThat(s.dampening() * Math.abs(s.spotShock() - 1)).isCloseTo(0.1386, within(1e-12));
        assertThat(m.scenarioPnls().get(j)).isCloseTo(-0.1386 * 2000 * Math.signum(1 - s.spotShock()),
            within(1e-9));
      }
    }
    assertThat(m.minSpan()).isCloseTo(-360, within(1e-9));
    assertThat(p.scenarios()).hasSize(33);
    assertThat(DeriveParameters.testSet().scenarios()).hasSize(31);
  }

  /*
   * Inside the settlement window only the variable part of the forward moves: F = 1000 variable + 1000 fixed, a long
   * call struck at 2000 with 10 s left; the 1.18 scenario moves the forward to 1180 + 1000 = 2180, not 2360:
   * with T = 10/31536000 and vol max(0.45 floor, 0.5*up) the value is essentially intrinsic 180, discounted.
   */
  @Test
  void shouldShockOnlyTheVariablePartOfTheForward() {
    DeriveModel model = new DeriveModel(only(DeriveParameters.testSet(), new DeriveScenario(1.18, DeriveVolShock.NONE,
        1)).with("longBaseStaticDiscount", 1).with("longRateAddScale", 0));
    DerivePortfolio p = book(2000, List.of(new DerivePortfolio.Expiry(10, 1000, 1000, 0, 1, 1,
        List.of(DerivePortfolio.Option.of(2000, OptionType.CALL, 0.5, 1)))));
    DeriveMargin m = model.evaluate(p);
    double v0 = m.optionMtm();
    assertThat(m.scenarioPnls().get(0) + v0).isCloseTo(180, within(1e-6));
  }
}
