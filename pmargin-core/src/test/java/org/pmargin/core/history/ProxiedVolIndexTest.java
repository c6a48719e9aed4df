package org.pmargin.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The realised-vol proxy of a vol index: on seeded price paths whose index is exactly c · RV^b over their common
 * history, the scale must come out as b and the proxy levels as c · RV^b before the index starts, with RV computed
 * here independently (a direct sum over each window, not the sliding sum of the code).
 */
class ProxiedVolIndexTest {

  private static final LocalDate START = LocalDate.of(2019, 1, 1);
  private static final Asset DVOL = new Asset("BTCDVOL");

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 42, 2024})
  void shouldRecoverTheScaleAndChainTheProxyBack(long seed) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int n = 300;
    int rvDays = 10;
    int t0 = 150; // the index starts on day 150
    double b = 0.4 + 0.5 * rng.nextDouble();
    double c = 1.5;
    LocalDate[] dates = new LocalDate[n];
    double[] p = new double[n];
    p[0] = 100;
    for (int i = 0; i < n; i++) {
      dates[i] = START.plusDays(i);
      if (i > 0) {
        p[i] = p[i - 1] * Math.exp(0.03 * rng.nextGaussian());
      }
    }
    double[] rv = new double[n];
    for (int i = rvDays; i < n; i++) {
      double ss = 0;
      for (int k = i - rvDays + 1; k <= i; k++) {
        double r = Math.log(p[k] / p[k - 1]);
        ss += r * r;
      }
      rv[i] = 100 * Math.sqrt(ss / rvDays * 365);
    }
    LocalDate[] indexDates = new LocalDate[n - t0];
    double[] index = new double[n - t0];
    for (int i = t0; i < n; i++) {
      indexDates[i - t0] = dates[i];
      index[i - t0] = c * Math.pow(rv[i], b);
    }
    ProxiedVolIndex v = ProxiedVolIndex.extend(new PriceSeries(Asset.BTC, dates, p),
        new PriceSeries(DVOL, indexDates, index), rvDays);
    assertThat(v.proxied()).isTrue();
    assertThat(v.beta()).isCloseTo(b, within(1e-9));
    assertThat(v.calibrationDays()).isEqualTo(n - t0 - 1);
    assertThat(v.proxyFrom()).isEqualTo(dates[rvDays]);
    assertThat(v.proxyTo()).isEqualTo(dates[t0 - 1]);
    assertThat(v.levels().asset()).isEqualTo(DVOL);
    assertThat(v.levels().size()).isEqualTo(n - rvDays);
    for (int i = rvDays; i < n; i++) {
      double expected = i < t0 ? c * Math.pow(rv[i], b) : index[i - t0];
      assertThat(v.levels().value(i - rvDays)).as("day %d", i).isCloseTo(expected, within(1e-9 * expected));
    }
  }

  @Test
  void shouldScaleByTheRatioOfStandardDeviationsByHand() {
    // rvDays 2; prices 100, 101, 100, 102, 100, 101, ... (returns of size ln 1.01, ln 1.01, ln 1.02, ln 1.02, ...); the
    // index is built
    // so that its daily log changes are exactly twice the realised vol's: β = 2 whatever the path
    int n = 80;
    LocalDate[] dates = new LocalDate[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      dates[i] = START.plusDays(i);
      p[i] = i % 2 == 0 ? 100 : i % 4 == 1 ? 101 : 102;
    }
    PriceSeries prices = new PriceSeries(Asset.BTC, dates, p);
    int t0 = 10;
    LocalDate[] idx = new LocalDate[n - t0];
    double[] lv = new double[n - t0];
    for (int i = t0; i < n; i++) {
      double r1 = Math.log(p[i] / p[i - 1]);
      double r0 = Math.log(p[i - 1] / p[i - 2]);
      double rvi = 100 * Math.sqrt((r0 * r0 + r1 * r1) / 2 * 365);
      idx[i - t0] = dates[i];
      lv[i - t0] = rvi * rvi / 10; // ln level = 2 ln RV + const: β = 2
    }
    ProxiedVolIndex v = ProxiedVolIndex.extend(prices, new PriceSeries(DVOL, idx, lv), 2);
    assertThat(v.beta()).isCloseTo(2.0, within(1e-9));
    // day 2 (the first with a 2-day RV): returns ln(101/100) and ln(100/101), so RV = 100·ln(1.01)·√365 = 19.0101...;
    // its proxy level is RV² / 10 too: 36.1383...
    assertThat(v.levels().value(0)).isCloseTo(36.138315692, within(1e-8));
  }

  @Test
  void shouldLeaveAnIndexAloneWhenThePricesStartNoEarlier() {
    LocalDate[] dates = new LocalDate[40];
    double[] p = new double[40];
    for (int i = 0; i < 40; i++) {
      dates[i] = START.plusDays(i);
      p[i] = 100 + (i % 3);
    }
    PriceSeries index = new PriceSeries(DVOL, dates, p);
    ProxiedVolIndex v = ProxiedVolIndex.extend(new PriceSeries(Asset.BTC, dates, p), index, 5);
    assertThat(v.proxied()).isFalse();
    assertThat(v.levels()).isSameAs(index);
    assertThat(v.beta()).isZero();
  }

  @Test
  void shouldRefuseToScaleOnTooShortACommonHistory() {
    int n = 100;
    LocalDate[] dates = new LocalDate[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      dates[i] = START.plusDays(i);
      p[i] = 100 + (i % 3) + 0.1 * (i % 7);
    }
    // the index exists on the last 50 days only: 49 common changes < 60
    LocalDate[] idx = java.util.Arrays.copyOfRange(dates, 50, n);
    double[] lv = java.util.Arrays.copyOfRange(p, 50, n);
    assertThatThrownBy(() -> ProxiedVolIndex.extend(new PriceSeries(Asset.BTC, dates, p),
        new PriceSeries(DVOL, idx, lv), 10))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("history"))
        .hasMessageContaining("only 49 days");
  }
}
