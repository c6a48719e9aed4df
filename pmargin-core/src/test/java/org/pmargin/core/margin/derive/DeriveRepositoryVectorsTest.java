package org.pmargin.core.margin.derive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproduces Derive's own PM2 test vectors: derivexyz/v2-core,
 * test/risk-managers/unit-tests/PMRM_2/portfolio_cases/&lt;name&gt;.json at the commit recorded in each block of
 * {@code src/test/resources/derive/pm2-vectors.txt}, which TestPMRM_2_PortfolioCasesNEW.t.sol checks PMRM_2 against.
 * Every expected MtM, worst regular / tail / skew scenario P&amp;L, basis contingency (where the file's number is
 * PMRMLib_2's, see the notes in the resource), MM and IM surplus must match to 1e-6 relative (1e-6 absolute for
 * numbers near zero).
 */
class DeriveRepositoryVectorsTest {

  static Stream<DeriveVectors.Vector> vectors() {
    return DeriveVectors.load().stream();
  }

  @Test
  void shouldLoadTheTranscribedVectors() {
    assertThat(DeriveVectors.load()).hasSizeGreaterThanOrEqualTo(15)
        .allSatisfy(v -> assertThat(v.commit()).matches("[0-9a-f]{40}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void shouldReproduceTheRepositoryNumbers(DeriveVectors.Vector v) {
    DeriveModel model = new DeriveModel(v.parameters());
    DeriveMargin m = model.evaluate(v.portfolio());
    List<DeriveScenario> sc = v.parameters().scenarios();
    for (Map.Entry<String, Double> e : v.expected().entrySet()) {
      double actual = switch (e.getKey()) {
        case "optionMtm" -> m.optionMtm();
        case "collateralMtm" -> m.collateralMtm();
        case "basis" -> m.basisContingency();
        case "worstReg" -> worst(m, sc, Kind.REGULAR);
        case "worstTail" -> worst(m, sc, Kind.TAIL);
        case "worstSkew" -> worst(m, sc, Kind.SKEW);
        case "mm" -> m.maintenanceSurplus();
        case "im" -> m.initialSurplus();
        default -> throw new IllegalArgumentException(e.getKey());
      };
      double expected = e.getValue();
      assertThat(Math.abs(actual - expected)).as(v.name() + " " + e.getKey() + ": expected " + expected + ", got "
          + actual).isLessThanOrEqualTo(1e-6 * Math.max(Math.abs(expected), 1));
    }
    // the requirement conversion R = MtM + cash - surplus
    assertThat(m.maintenanceRequirement()).isCloseTo(m.markToMarket() + m.cash() - m.maintenanceSurplus(),
        org.assertj.core.api.Assertions.within(1e-9 * (1 + Math.abs(m.markToMarket()) + Math.abs(m.cash()))));
    assertThat(m.initialRequirement()).isCloseTo(m.markToMarket() + m.cash() - m.initialSurplus(),
        org.assertj.core.api.Assertions.within(1e-9 * (1 + Math.abs(m.markToMarket()) + Math.abs(m.cash()))));
  }

  enum Kind { REGULAR, TAIL, SKEW }

  /** The harness's grouping: skews by direction, tails are the moves beyond ±20%, the rest regular. */
  static double worst(DeriveMargin m, List<DeriveScenario> sc, Kind kind) {
    double min = Double.POSITIVE_INFINITY;
    for (int j = 0; j < sc.size(); j++) {
      DeriveScenario s = sc.get(j);
      Kind k = s.vol().isSkew() ? Kind.SKEW : Math.abs(s.spotShock() - 1) > 0.2 ? Kind.TAIL : Kind.REGULAR;
      if (k == kind) {
        min = Math.min(min, m.scenarioPnls().get(j));
      }
    }
    return min == Double.POSITIVE_INFINITY ? 0 : min;
  }
}
