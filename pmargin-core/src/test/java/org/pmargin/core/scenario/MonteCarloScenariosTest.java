package org.pmargin.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.risk.TailRisk;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Monte Carlo scenarios against closed-form tail risk of a linear position, correlation and scaling properties,
 * and seed reproducibility.
 */
class MonteCarloScenariosTest {

  private static final List<Asset> ONE = List.of(Asset.BTC);
  private static final double[][] UNIT = {{1}};

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2024})
  void shouldMatchTheGaussianClosedFormTailRisk(long seed) {
    System.out.println("MonteCarloScenariosTest gaussian seed " + seed);
    double sigma = 0.03;
    ScenarioSet s = MonteCarloScenarios.gaussian(ONE, new double[] {sigma}, UNIT, 1, seed).withScenarios(200_000)
        .generate();
    double[] pnl = column(s, 0);
    // linear position, P&L = log return: ES_97.5 = σ·φ(z)/(1 − α) = 2.3378·σ, VaR_99 = 2.3263·σ
    NormalDistribution n = new NormalDistribution();
    double es = n.density(n.inverseCumulativeProbability(0.975)) / 0.025;
    assertThat(es).isCloseTo(2.338, within(1e-3));
    assertThat(TailRisk.expectedShortfall(pnl, 0.975) / sigma).isCloseTo(es, within(0.02 * es));
    assertThat(TailRisk.valueAtRisk(pnl, 0.99) / sigma).isCloseTo(2.326, within(0.02 * 2.326));
  }

  @ParameterizedTest(name = "seed {0}, nu {1}")
  @org.junit.jupiter.params.provider.CsvSource({"7, 4", "8, 5", "9, 10"})
  void shouldMatchTheStudentTClosedFormTailRisk(long seed, double nu) {
    System.out.println("MonteCarloScenariosTest student-t seed " + seed + " nu " + nu);
    double sigma = 0.05;
    ScenarioSet s = MonteCarloScenarios.gaussian(ONE, new double[] {sigma}, UNIT, 1, seed).withStudentT(nu)
        .withScenarios(200_000).generate();
    double[] pnl = column(s, 0);
    // standard t: ES_α = f(t_α)·(ν + t_α²)/((ν − 1)(1 − α)); unit variance: times √((ν − 2)/ν)
    TDistribution t = new TDistribution(nu);
    double q = t.inverseCumulativeProbability(0.975);
    double unit = Math.sqrt((nu - 2) / nu);
    double es = t.density(q) * (nu + q * q) / ((nu - 1) * 0.025) * unit;
    double var99 = t.inverseCumulativeProbability(0.99) * unit;
    assertThat(TailRisk.expectedShortfall(pnl, 0.975) / sigma).isCloseTo(es, within(0.04 * es));
    assertThat(TailRisk.valueAtRisk(pnl, 0.99) / sigma).isCloseTo(var99, within(0.03 * var99));
    assertThat(ScenarioTestData.std(pnl) / sigma).isCloseTo(1, within(0.03));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {3, 11, 12345})
  void shouldReproduceCorrelationsHorizonScalingAndSpotVolCorrelation(long seed) {
    System.out.println("MonteCarloScenariosTest correlation seed " + seed);
    double[][] rho = {{1, 0.8, 0.3}, {0.8, 1, 0.5}, {0.3, 0.5, 1}};
    double[] vols = {0.03, 0.04, 0.001};
    ScenarioSet s = MonteCarloScenarios.gaussian(List.of(Asset.BTC, Asset.ETH, Asset.USDC), vols, rho, 4, seed)
        .withVolShocks(0.05, -0.6).withScenarios(50_000).generate();
    double[][] cols = {column(s, 0), column(s, 1), column(s, 2)};
    for (int i = 0; i < 3; i++) {
      assertThat(ScenarioTestData.std(cols[i])).isCloseTo(vols[i] * 2, within(0.03 * vols[i] * 2));
      for (int j = 0; j < i; j++) {
        assertThat(corr(cols[i], cols[j])).isCloseTo(rho[i][j], within(0.02));
      }
    }
    double[] dv = new double[s.size()];
    for (int w = 0; w < dv.length; w++) {
      dv[w] = s.volLogChange(w, 0);
    }
    assertThat(ScenarioTestData.std(dv)).isCloseTo(0.1, within(0.003));
    assertThat(corr(cols[0], dv)).isCloseTo(-0.6, within(0.02));
  }

  @Test
  void shouldBeBitIdenticalForTheSameSeed() {
    var spec = MonteCarloScenarios.gaussian(List.of(Asset.BTC, Asset.ETH), new double[] {0.03, 0.04},
        new double[][] {{1, 0.7}, {0.7, 1}}, 10, 42).withStudentT(4).withVolShocks(0.06, -0.5);
    ScenarioSet a = spec.generate();
    ScenarioSet b = spec.generate();
    assertThat(a).isEqualTo(b);
    assertThat(a.size()).isEqualTo(MonteCarloScenarios.DEFAULT_SCENARIOS);
    var other = MonteCarloScenarios.gaussian(List.of(Asset.BTC, Asset.ETH), new double[] {0.03, 0.04},
        new double[][] {{1, 0.7}, {0.7, 1}}, 10, 43).withStudentT(4).withVolShocks(0.06, -0.5);
    assertThat(other.generate()).isNotEqualTo(a);
  }

  @Test
  void shouldRepairANonPsdCorrelation() {
    double[][] broken = {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}};
    var spec = MonteCarloScenarios.gaussian(List.of(Asset.BTC, Asset.ETH, Asset.USDC),
        new double[] {0.03, 0.03, 0.03}, broken, 1, 5).withScenarios(50_000);
    assertThat(spec.correlationRepaired()).isTrue();
    assertThat(spec.correlation()[0][1]).isCloseTo(0.7607, within(1e-4));
    ScenarioSet s = spec.generate();
    assertThat(corr(column(s, 0), column(s, 2))).isCloseTo(0.1573, within(0.02));
  }

  @Test
  void shouldRejectBadSpecifications() {
    assertThatThrownBy(() -> MonteCarloScenarios.gaussian(ONE, new double[] {-0.1}, UNIT, 1, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("daily_vols[0]");
    assertThatThrownBy(() -> MonteCarloScenarios.gaussian(ONE, new double[] {0.1}, UNIT, 0, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("horizon_days");
    var spec = MonteCarloScenarios.gaussian(ONE, new double[] {0.1}, UNIT, 1, 1);
    assertThatThrownBy(() -> spec.withStudentT(2)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("degrees_of_freedom");
    assertThatThrownBy(() -> spec.withVolShocks(0.1, -1.5)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("spot_vol_correlation");
    assertThatThrownBy(() -> spec.withScenarios(0)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("scenarios");
  }

  private static double[] column(ScenarioSet s, int f) {
    double[] x = new double[s.size()];
    for (int w = 0; w < x.length; w++) {
      x[w] = s.logReturn(w, f);
    }
    return x;
  }

  private static double corr(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
