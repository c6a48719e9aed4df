package org.pmargin.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Scaling a smile multiplies every implied vol by the factor, at every log-moneyness and expiry. */
class SmileScalingTest {

  static List<Smile> smiles() {
    return List.of(new FlatSmile(0.6), new SviSmile(0.02, 0.1, -0.3, 0.05, 0.2),
        new StrikeSmile(0.25, new double[] {-0.5, -0.1, 0, 0.2, 0.6}, new double[] {0.9, 0.65, 0.6, 0.62, 0.8}));
  }

  @ParameterizedTest
  @MethodSource("smiles")
  void shouldMultiplyEveryVolByTheFactor(Smile smile) {
    for (double factor : new double[] {0.5, 1.0, 1.37, 3.0}) {
      Smile scaled = smile.scaled(factor);
      for (double k = -0.8; k <= 0.8; k += 0.1) {
        for (double t : new double[] {0.05, 0.25, 1.0}) {
          double vol = Math.sqrt(smile.totalVariance(k, t) / t);
          double scaledVol = Math.sqrt(scaled.totalVariance(k, t) / t);
          assertThat(scaledVol).as("%s k=%.1f t=%.2f factor %.2f", smile, k, t, factor)
              .isCloseTo(factor * vol, within(1e-12 * factor * vol + 1e-15));
        }
      }
    }
  }
}
