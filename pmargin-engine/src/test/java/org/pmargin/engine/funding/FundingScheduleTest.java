package org.pmargin.engine.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pmargin.core.validation.InvalidInputException;

/** Funding times: aligned to 00:00 UTC, after the previous market time and up to the new one. */
class FundingScheduleTest {

  private static Instant t(String s) {
    return Instant.parse(s);
  }

  @Test
  void shouldSettleAtMidnightEightAndSixteenUtcByDefault() {
    // Binance and Bybit: 00:00, 08:00 and 16:00 UTC.
    FundingSchedule s = FundingSchedule.defaults();
    assertThat(s.hours()).isEqualTo(8);
    assertThat(s.timesBetween(t("2024-06-17T07:59:59.999Z"), t("2024-06-18T00:00:00Z")))
        .containsExactly(t("2024-06-17T08:00:00Z"), t("2024-06-17T16:00:00Z"), t("2024-06-18T00:00:00Z"));
    // The start is excluded (settled before), the end included.
    assertThat(s.timesBetween(t("2024-06-17T08:00:00Z"), t("2024-06-17T15:59:59Z"))).isEmpty();
    assertThat(s.timesBetween(t("2024-06-17T08:00:00.5Z"), t("2024-06-17T16:00:00.5Z")))
        .containsExactly(t("2024-06-17T16:00:00Z"));
    assertThat(s.timesBetween(t("2024-06-17T09:00:00Z"), t("2024-06-17T09:00:00Z"))).isEmpty();
  }

  @Test
  void shouldSettleEveryHourOnAnHourlySchedule() {
    // Hyperliquid: hourly.
    FundingSchedule s = new FundingSchedule(Duration.ofHours(1));
    assertThat(s.timesBetween(t("2024-06-17T08:30:00Z"), t("2024-06-17T11:00:00Z")))
        .containsExactly(t("2024-06-17T09:00:00Z"), t("2024-06-17T10:00:00Z"), t("2024-06-17T11:00:00Z"));
    assertThat(s.hours()).isEqualTo(1);
  }

  @Test
  void shouldRejectIntervalsThatDoNotDivideADay() {
    for (Duration d : new Duration[] {Duration.ofHours(7), Duration.ofSeconds(90), Duration.ofHours(48),
        Duration.ofMinutes(-60)}) {
      assertThatThrownBy(() -> new FundingSchedule(d)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("funding_interval");
    }
    assertThat(FundingSchedule.off().enabled()).isFalse();
    assertThat(FundingSchedule.off().timesBetween(t("2020-01-01T00:00:00Z"), t("2024-01-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void shouldRefuseAJumpOverMoreThanTheLimit() {
    FundingSchedule s = new FundingSchedule(Duration.ofMinutes(1));
    assertThat(s.timesBetween(t("2024-06-17T00:00:00Z"), t("2024-06-17T00:00:00Z").plus(Duration.ofMinutes(
        FundingSchedule.MAX_TIMES_PER_UPDATE)))).hasSize(FundingSchedule.MAX_TIMES_PER_UPDATE);
    assertThatThrownBy(() -> s.timesBetween(t("2024-06-17T00:00:00Z"), t("2024-06-30T00:00:00Z")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("funding times");
  }
}
