package org.pmargin.core.stats;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Repairs a "correlation" matrix that is not positive semidefinite (estimated pairwise, on different windows, or
 * edited by hand) into the nearest true correlation matrix in the Frobenius norm, and returns it together with a
 * lower-triangular factor L (L·Lᵀ = C) for drawing correlated shocks, the shape of ORE's {@code CovarianceSalvage}.
 *
 * <p>Algorithm: N. J. Higham, "Computing the nearest correlation matrix — a problem from finance", IMA J. Numer.
 * Anal. 22 (2002), alternating projections with Dykstra's correction, weights W = I: starting from Y₀ = A, ΔS₀ = 0,
 * repeat R = Y − ΔS; X = P_S(R) (eigenvalues clipped at zero); ΔS = X − R; Y = P_U(X) (unit diagonal), until
 * ‖Y − X‖_F ≤ tol·‖Y‖_F and the iterate changes by less than tol. The result is symmetric with an exact unit
 * diagonal and eigenvalues ≥ −1e-12 (it is typically singular: the projection lands on the boundary of the cone).
 * A matrix that is already a valid correlation matrix (symmetric, unit diagonal, eigenvalues ≥ 0) comes back
 * unchanged. The factor is a semidefinite Cholesky (pivots below 1e-12 give a zero column), so it exists for
 * singular results too.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class NearestCorrelation {

  /** Convergence tolerance on the relative Frobenius change. */
  public static final double TOLERANCE = 1e-12;
  /** Iteration cap; Higham's method converges linearly, typically in tens to hundreds of iterations. */
  public static final int MAX_ITERATIONS = 10_000;
  private static final double SYMMETRY_TOLERANCE = 1e-12;
  private static final double PIVOT_TOLERANCE = 1e-12;

  private NearestCorrelation() {
  }

  /**
   * The outcome of a repair.
   *
   * @param matrix  the correlation matrix (a copy on every access)
   * @param cholesky  its lower-triangular factor L with L·Lᵀ = matrix (a copy on every access)
   * @param iterations  projection iterations used, 0 when the input was already valid
   * @param repaired  whether the input had to change
   */
  public record Result(double[][] matrix, double[][] cholesky, int iterations, boolean repaired) {

    /** Copies the arrays in. */
    public Result {
      matrix = copy(matrix);
      cholesky = copy(cholesky);
    }

    @Override
    public double[][] matrix() {
      return copy(matrix);
    }

    @Override
    public double[][] cholesky() {
      return copy(cholesky);
    }
  }

  /**
   * The nearest correlation matrix to a symmetric matrix, and its factor.
   *
   * @param a  a square, symmetric (to 1e-12) matrix of finite values
   * @return the repaired matrix, its factor, and whether it changed
   */
  public static Result repair(double[][] a) {
    int k = checkSymmetric(a, "correlation");
    double[][] sym = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        sym[i][j] = 0.5 * (a[i][j] + a[j][i]);
      }
    }
    if (isCorrelation(sym)) {
      return new Result(a, cholesky(sym), 0, false);
    }
    double[][] y = copy(sym);
    double[][] ds = new double[k][k];
    double[][] r = new double[k][k];
    double[][] x = sym;
    int it = 0;
    while (true) {
      it++;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          r[i][j] = y[i][j] - ds[i][j];
        }
      }
      x = projectPsd(r);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          ds[i][j] = x[i][j] - r[i][j];
        }
      }
      double[][] yNew = copy(x);
      for (int i = 0; i < k; i++) {
        yNew[i][i] = 1;
      }
      double gap = frobeniusDiff(yNew, x);
      double step = frobeniusDiff(yNew, y);
      double norm = frobenius(yNew);
      y = yNew;
      if ((gap <= TOLERANCE * norm && step <= TOLERANCE * norm) || it >= MAX_ITERATIONS) {
        break;
      }
    }
    // finish on the PSD set, then restore the exact unit diagonal by symmetric rescaling (keeps PSD)
    double[][] c = projectPsd(y);
    double[] d = new double[k];
    for (int i = 0; i < k; i++) {
      d[i] = 1 / Math.sqrt(Math.max(c[i][i], PIVOT_TOLERANCE));
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        c[i][j] = i == j ? 1 : Math.max(-1, Math.min(1, c[i][j] * d[i] * d[j]));
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        c[j][i] = c[i][j];
      }
    }
    return new Result(c, cholesky(c), it, true);
  }

  /** Whether a matrix is a valid correlation matrix: symmetric, unit diagonal, smallest eigenvalue ≥ −1e-12. */
  public static boolean isCorrelation(double[][] a) {
    int k = checkSymmetric(a, "correlation");
    for (int i = 0; i < k; i++) {
      if (Math.abs(a[i][i] - 1) > SYMMETRY_TOLERANCE) {
        return false;
      }
    }
    return minEigenvalue(a) >= -PIVOT_TOLERANCE;
  }

  /** The smallest eigenvalue of a symmetric matrix. */
  public static double minEigenvalue(double[][] a) {
    double[] ev = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(a, true)).getEigenvalues();
    double min = Double.POSITIVE_INFINITY;
    for (double e : ev) {
      min = Math.min(min, e);
    }
    return min;
  }

  /**
   * The lower-triangular factor L of a positive semidefinite matrix, L·Lᵀ = A: Cholesky–Banachiewicz where a pivot
   * below 1e-12 (relative to the diagonal) gives a zero column, so singular correlation matrices factor too.
   */
  static double[][] cholesky(double[][] a) {
    int k = a.length;
    double[][] l = new double[k][k];
    for (int j = 0; j < k; j++) {
      double s = a[j][j];
      for (int m = 0; m < j; m++) {
        s -= l[j][m] * l[j][m];
      }
      if (s <= PIVOT_TOLERANCE * Math.max(1, a[j][j])) {
        if (s < -1e-8 * Math.max(1, a[j][j])) {
          throw new InvalidInputException("correlation", "is not positive semidefinite (pivot " + s + " at " + j
              + "); repair it first");
        }
        continue;
      }
      double ljj = Math.sqrt(s);
      l[j][j] = ljj;
      for (int i = j + 1; i < k; i++) {
        double t = a[i][j];
        for (int m = 0; m < j; m++) {
          t -= l[i][m] * l[j][m];
        }
        l[i][j] = t / ljj;
      }
    }
    return l;
  }

  private static double[][] projectPsd(double[][] r) {
    int k = r.length;
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(r, false));
    double[] ev = eig.getEigenvalues();
    RealMatrix v = eig.getV();
    double[][] out = new double[k][k];
    for (int m = 0; m < k; m++) {
      double lambda = ev[m];
      if (lambda <= 0) {
        continue;
      }
      for (int i = 0; i < k; i++) {
        double vi = v.getEntry(i, m) * lambda;
        for (int j = 0; j < k; j++) {
          out[i][j] += vi * v.getEntry(j, m);
        }
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        double s = 0.5 * (out[i][j] + out[j][i]);
        out[i][j] = s;
        out[j][i] = s;
      }
    }
    return out;
  }

  private static int checkSymmetric(double[][] a, String field) {
    Checks.notNull(a, field);
    int k = a.length;
    Checks.require(k >= 1, field, "must have at least one row");
    for (int i = 0; i < k; i++) {
      Checks.notNull(a[i], field + "[" + i + "]");
      Checks.require(a[i].length == k, field + "[" + i + "]", "must be square: " + a[i].length + " columns, " + k
          + " rows");
      for (int j = 0; j < k; j++) {
        Checks.finite(a[i][j], field + "[" + i + "][" + j + "]");
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        Checks.require(Math.abs(a[i][j] - a[j][i]) <= SYMMETRY_TOLERANCE, field + "[" + i + "][" + j + "]",
            "must be symmetric: " + a[i][j] + " vs " + a[j][i]);
      }
    }
    return k;
  }

  private static double frobenius(double[][] a) {
    double s = 0;
    for (double[] row : a) {
      for (double x : row) {
        s += x * x;
      }
    }
    return Math.sqrt(s);
  }

  private static double frobeniusDiff(double[][] a, double[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        double d = a[i][j] - b[i][j];
        s += d * d;
      }
    }
    return Math.sqrt(s);
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
