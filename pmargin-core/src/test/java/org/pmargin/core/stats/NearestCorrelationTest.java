package org.pmargin.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.validation.InvalidInputException;

/** Higham's nearest correlation matrix: his published example, and properties on seeded broken matrices. */
class NearestCorrelationTest {

  @Test
  void shouldReproduceHighamsPublishedExample() {
    // N. J. Higham, IMA J. Numer. Anal. 22 (2002), section 4: A = [[1,1,0],[1,1,1],[0,1,1]] has nearest correlation
    // matrix [[1, 0.7607, 0.1573], [0.7607, 1, 0.7607], [0.1573, 0.7607, 1]] (4 decimals)
    double[][] a = {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}};
    NearestCorrelation.Result res = NearestCorrelation.repair(a);
    double[][] c = res.matrix();
    System.out.println("Higham example converged in " + res.iterations() + " iterations");
    assertThat(res.repaired()).isTrue();
    double[][] expected = {{1, 0.7607, 0.1573}, {0.7607, 1, 0.7607}, {0.1573, 0.7607, 1}};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(c[i][j]).as("c[%d][%d]", i, j).isCloseTo(expected[i][j], within(0.5e-4));
      }
    }
    assertFactorReproduces(c, res.cholesky());
  }

  @Test
  void shouldReturnAValidCorrelationMatrixUnchanged() {
    double[][] a = {{1, 0.5, -0.2}, {0.5, 1, 0.3}, {-0.2, 0.3, 1}};
    NearestCorrelation.Result res = NearestCorrelation.repair(a);
    assertThat(res.repaired()).isFalse();
    assertThat(res.iterations()).isZero();
    assertThat(res.matrix()).isDeepEqualTo(a);
    assertFactorReproduces(a, res.cholesky());
  }

  @Test
  void shouldFactorASingularValidMatrix() {
    // perfectly correlated pair: singular but valid; the semidefinite Cholesky gives a zero column
    double[][] a = {{1, 1}, {1, 1}};
    NearestCorrelation.Result res = NearestCorrelation.repair(a);
    assertThat(res.repaired()).isFalse();
    assertFactorReproduces(a, res.cholesky());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 123, 9999})
  void shouldRepairSeededBrokenMatricesIntoValidCorrelations(long seed) {
    System.out.println("NearestCorrelationTest seed " + seed);
    RandomGenerator g = TestData.rng(seed);
    int k = 3 + g.nextInt(8);
    double[][] a = new double[k][k];
    for (int i = 0; i < k; i++) {
      a[i][i] = 1;
      for (int j = 0; j < i; j++) {
        a[i][j] = g.nextDouble(-1, 1);
        a[j][i] = a[i][j];
      }
    }
    NearestCorrelation.Result res = NearestCorrelation.repair(a);
    double[][] c = res.matrix();
    for (int i = 0; i < k; i++) {
      assertThat(c[i][i]).isEqualTo(1);
      for (int j = 0; j < k; j++) {
        assertThat(c[i][j]).isEqualTo(c[j][i]).isBetween(-1.0, 1.0);
      }
    }
    assertThat(NearestCorrelation.minEigenvalue(c)).isGreaterThanOrEqualTo(-1e-10);
    assertThat(NearestCorrelation.isCorrelation(c)).isTrue();
    assertFactorReproduces(c, res.cholesky());
    // nearest: no farther from A than the identity, a valid correlation matrix
    assertThat(distance(a, c)).isLessThanOrEqualTo(distance(a, identity(k)) + 1e-9);
    // idempotent: repairing the result changes nothing material
    double[][] again = NearestCorrelation.repair(c).matrix();
    assertThat(distance(again, c)).isLessThan(1e-8);
  }

  @Test
  void shouldRejectNonSymmetricOrNonFiniteInput() {
    assertThatThrownBy(() -> NearestCorrelation.repair(new double[][] {{1, 0.5}, {0.4, 1}}))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("correlation[1][0]");
    assertThatThrownBy(() -> NearestCorrelation.repair(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("correlation[0][1]");
    assertThatThrownBy(() -> NearestCorrelation.repair(new double[][] {{1, 0}, {0}}))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("correlation[1]");
  }

  static void assertFactorReproduces(double[][] c, double[][] l) {
    int k = c.length;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (j > i) {
          assertThat(l[i][j]).isZero();
        }
        double s = 0;
        for (int m = 0; m < k; m++) {
          s += l[i][m] * l[j][m];
        }
        assertThat(s).as("(L·Lᵀ)[%d][%d]", i, j).isCloseTo(c[i][j], within(1e-8));
      }
    }
  }

  private static double distance(double[][] a, double[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
      }
    }
    return Math.sqrt(s);
  }

  private static double[][] identity(int k) {
    double[][] id = new double[k][k];
    for (int i = 0; i < k; i++) {
      id[i][i] = 1;
    }
    return id;
  }
}
