package org.pmargin.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.stats.BacktestStatistics.Zone;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The rolling 250-day traffic light on hand-built exception records, against counts and zones worked out by hand from
 * BCBS (1996)'s table (250 days at 99 %: green 0–4, yellow 5–9, red ≥ 10).
 */
class RollingTrafficLightTest {

  @Test
  void shouldGoRedInTheClusterAndEndGreen() {
    // 1,000 days, 10 exceptions on days 500..509. The window ending at e covers e-249..e, so it holds all ten for
    // e in [509, 749]; e in 500..508 holds e-499 of them, e in 750..758 holds 759-e.
    boolean[] e = new boolean[1000];
    for (int d = 500; d < 510; d++) {
      e[d] = true;
    }
    RollingTrafficLight r = RollingTrafficLight.basel(e, 0.99);
    assertThat(r.windows()).isEqualTo(751);
    assertThat(r.firstEnd()).isEqualTo(249);
    assertThat(r.lastEnd()).isEqualTo(999);
    assertThat(r.worst()).isEqualTo(Zone.RED);
    assertThat(r.worstExceptions()).isEqualTo(10);
    assertThat(r.worstEnd()).isEqualTo(509);
    assertThat(r.last()).isEqualTo(Zone.GREEN);
    assertThat(r.lastExceptions()).isZero();
    assertThat(r.exceptionsEndingAt(499)).isZero();
    assertThat(r.exceptionsEndingAt(503)).isEqualTo(4);
    assertThat(r.zoneEndingAt(503)).isEqualTo(Zone.GREEN);
    assertThat(r.zoneEndingAt(504)).isEqualTo(Zone.YELLOW);
    assertThat(r.zoneEndingAt(749)).isEqualTo(Zone.RED);
    assertThat(r.exceptionsEndingAt(750)).isEqualTo(9);
    assertThat(r.zoneEndingAt(754)).isEqualTo(Zone.YELLOW);
    assertThat(r.zoneEndingAt(755)).isEqualTo(Zone.GREEN);
    // red on 749-509+1 = 241 windows; yellow on 504..508 and 750..754, 10 windows; green on the other 500
    assertThat(r.windowsIn(Zone.RED)).isEqualTo(241);
    assertThat(r.windowsIn(Zone.YELLOW)).isEqualTo(10);
    assertThat(r.windowsIn(Zone.GREEN)).isEqualTo(500);
    assertThat(r.firstEndIn(Zone.YELLOW)).isEqualTo(504);
    assertThat(r.firstEndIn(Zone.RED)).isEqualTo(509);
    assertThat(r.firstEndIn(Zone.GREEN)).isEqualTo(249);
  }

  @ParameterizedTest(name = "{0} exceptions in 250 days: {1}")
  @CsvSource({"0, GREEN", "4, GREEN", "5, YELLOW", "9, YELLOW", "10, RED", "11, RED"})
  void shouldGiveBaselsZonesForOneWindow(int exceptions, Zone zone) {
    boolean[] e = new boolean[250];
    for (int d = 0; d < exceptions; d++) {
      e[249 - 7 * d] = true; // spread out, the last day included
    }
    RollingTrafficLight r = RollingTrafficLight.basel(e, 0.99);
    assertThat(r.windows()).isEqualTo(1);
    assertThat(r.worstExceptions()).isEqualTo(exceptions);
    assertThat(r.lastExceptions()).isEqualTo(exceptions);
    assertThat(r.worst()).isEqualTo(zone);
    assertThat(r.last()).isEqualTo(zone);
    assertThat(r.worstEnd()).isEqualTo(249);
  }

  @Test
  void shouldHaveBaselsThresholdsAt99Percent() {
    RollingTrafficLight r = RollingTrafficLight.basel(new boolean[250], 0.99);
    assertThat(r.yellowFrom()).isEqualTo(5);
    assertThat(r.redFrom()).isEqualTo(10);
  }

  @Test
  void shouldDropTheDayThatLeavesTheWindowExactly() {
    // 251 days, 5 exceptions on days 0..4: the first window (0..249) holds all 5, the second (1..250) only 4.
    boolean[] e = new boolean[251];
    for (int d = 0; d < 5; d++) {
      e[d] = true;
    }
    RollingTrafficLight r = RollingTrafficLight.basel(e, 0.99);
    assertThat(r.windows()).isEqualTo(2);
    assertThat(r.exceptionsEndingAt(249)).isEqualTo(5);
    assertThat(r.exceptionsEndingAt(250)).isEqualTo(4);
    assertThat(r.worst()).isEqualTo(Zone.YELLOW);
    assertThat(r.worstEnd()).isEqualTo(249);
    assertThat(r.last()).isEqualTo(Zone.GREEN);
    // and the day that enters: a fifth exception on the last day brings the last window back to yellow
    e[250] = true;
    RollingTrafficLight back = RollingTrafficLight.basel(e, 0.99);
    assertThat(back.exceptionsEndingAt(250)).isEqualTo(5);
    assertThat(back.last()).isEqualTo(Zone.YELLOW);
    assertThat(back.worstEnd()).isEqualTo(249); // the first window with the most
  }

  @Test
  void shouldRefuseARecordShorterThanTheWindow() {
    assertThatThrownBy(() -> RollingTrafficLight.basel(new boolean[249], 0.99))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("exceptions")
        .hasMessageContaining("not enough days").hasMessageContaining("249 days");
    assertThat(RollingTrafficLight.basel(new boolean[250], 0.99).windows()).isEqualTo(1);
    assertThatThrownBy(() -> RollingTrafficLight.basel(new boolean[300], 1.0))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("confidence");
    assertThatThrownBy(() -> RollingTrafficLight.of(new boolean[300], 0, 0.99))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("window");
    assertThatThrownBy(() -> RollingTrafficLight.basel(new boolean[300], 0.99).exceptionsEndingAt(248))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("end");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void shouldCountLikeARecountOfEveryWindow(long seed) {
    System.out.println("RollingTrafficLightTest seed " + seed);
    RandomGenerator g = TestData.rng(seed);
    int window = 1 + g.nextInt(300);
    int n = window + g.nextInt(800);
    double rate = 0.05 * g.nextDouble();
    boolean[] e = new boolean[n];
    for (int t = 0; t < n; t++) {
      e[t] = g.nextDouble() < rate;
    }
    RollingTrafficLight r = RollingTrafficLight.of(e, window, 0.99);
    int most = -1;
    int mostEnd = -1;
    int[] inZone = new int[3];
    for (int end = window - 1; end < n; end++) {
      int count = 0;
      for (int d = end - window + 1; d <= end; d++) {
        count += e[d] ? 1 : 0;
      }
      assertThat(r.exceptionsEndingAt(end)).isEqualTo(count);
      Zone zone = BacktestStatistics.trafficLight(window, count, 0.99);
      assertThat(r.zoneEndingAt(end)).isEqualTo(zone);
      inZone[zone.ordinal()]++;
      if (count > most) {
        most = count;
        mostEnd = end;
      }
    }
    assertThat(r.worstExceptions()).isEqualTo(most);
    assertThat(r.worstEnd()).isEqualTo(mostEnd);
    assertThat(r.worst().ordinal()).isGreaterThanOrEqualTo(r.last().ordinal());
    for (Zone z : Zone.values()) {
      assertThat(r.windowsIn(z)).isEqualTo(inZone[z.ordinal()]);
    }
  }
}
