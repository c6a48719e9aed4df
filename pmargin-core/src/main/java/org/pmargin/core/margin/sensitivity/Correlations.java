package org.pmargin.core.margin.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Validation of correlation matrices: square, finite entries in [−1, 1], unit diagonal, symmetric and positive
 * semi-definite. Positive semi-definiteness is what makes sqrt(wᵀCw) a seminorm, so that offsetting risks can only
 * lower the margin and two books together never need more than the two apart.
 */
final class Correlations {

  /** Eigenvalues down to this (relative to the matrix size) count as zero: rounding in the decomposition. */
  static final double PSD_TOLERANCE = 1e-10;

  private Correlations() {
  }

  /**
   * Validates a correlation matrix given as rows and returns an immutable copy.
   *
   * @param rows  the matrix
   * @param size  the number of rows and columns required
   * @param field  the field name for errors
   * @return the immutable copy
   */
  static List<List<Double>> requireCorrelationMatrix(List<List<Double>> rows, int size, String field) {
    Checks.notNull(rows, field);
    if (rows.size() != size) {
      throw new InvalidInputException(field, "must have " + size + " rows, got " + rows.size());
    }
    double[][] m = new double[size][size];
    List<List<Double>> copy = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      List<Double> row = Checks.notNull(rows.get(i), field + "[" + i + "]");
      if (row.size() != size) {
        throw new InvalidInputException(field + "[" + i + "]", "must have " + size + " entries, got " + row.size());
      }
      for (int j = 0; j < size; j++) {
        String cell = field + "[" + i + "][" + j + "]";
        m[i][j] = Checks.inRange(Checks.notNull(row.get(j), cell), -1, 1, cell);
      }
      copy.add(List.copyOf(row));
    }
    for (int i = 0; i < size; i++) {
      if (m[i][i] != 1.0) {
        throw new InvalidInputException(field + "[" + i + "][" + i + "]", "a diagonal entry must be 1, got " + m[i][i]);
      }
      for (int j = 0; j < i; j++) {
        if (m[i][j] != m[j][i]) {
          throw new InvalidInputException(field + "[" + i + "][" + j + "]",
              "must equal entry [" + j + "][" + i + "] (a correlation matrix is symmetric), got " + m[i][j] + " and "
                  + m[j][i]);
        }
      }
    }
    requirePositiveSemiDefinite(m, field);
    return List.copyOf(copy);
  }

  /**
   * Fails unless a symmetric matrix is positive semi-definite.
   *
   * @param m  the matrix, symmetric
   * @param field  the field name for errors
   */
  static void requirePositiveSemiDefinite(double[][] m, String field) {
    double min = smallestEigenvalue(m);
    if (min < -PSD_TOLERANCE * Math.max(1, m.length)) {
      throw new InvalidInputException(field, "is not a valid correlation matrix: not positive semi-definite "
          + "(smallest eigenvalue " + min + "), so some offsetting positions would be charged a negative variance");
    }
  }

  /** The smallest eigenvalue of a symmetric matrix (+∞ for an empty one). */
  static double smallestEigenvalue(double[][] m) {
    if (m.length == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double[] eigen = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(m)).getEigenvalues();
    double min = Double.POSITIVE_INFINITY;
    for (double e : eigen) {
      min = Math.min(min, e);
    }
    return min;
  }
}
