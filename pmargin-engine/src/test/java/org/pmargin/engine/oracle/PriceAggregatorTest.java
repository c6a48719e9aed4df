package org.pmargin.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmargin.engine.oracle.OracleFixtures.BTC;
import static org.pmargin.engine.oracle.OracleFixtures.at;
import static org.pmargin.engine.oracle.OracleFixtures.tick;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.oracle.AggregatedPrice.DegradedReason;
import org.pmargin.engine.oracle.AggregatedPrice.DropReason;
import org.pmargin.engine.oracle.AggregatedPrice.Status;

class PriceAggregatorTest {

  private final PriceAggregator aggregator = new PriceAggregator(OracleConfig.defaults());

  @Test
  void medianOfThreeFreshSources() {
    AggregatedPrice p = aggregator.aggregate(BTC,
        List.of(tick("a", 100, at(10)), tick("b", 101, at(12)), tick("c", 100.4, at(9))), at(20), 100);
    assertThat(p.status()).isEqualTo(Status.OK);
    assertThat(p.reason()).isEmpty();
    assertThat(p.price()).isEqualTo(100.4);
    assertThat(p.sourcesUsed()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(p.dropped()).isEmpty();
  }

  @Test
  void evenCountTakesTheMeanOfTheMiddleTwo() {
    AggregatedPrice p = aggregator.aggregate(BTC, List.of(tick("a", 100, at(0)), tick("b", 101, at(0))), at(1),
        100);
    assertThat(p.price()).isEqualTo(100.5);
  }

  @Test
  void staleSourceIgnored() {
    // c is 31 s old with a 30 s limit: ignored although its price is wild.
    AggregatedPrice p = aggregator.aggregate(BTC,
        List.of(tick("a", 100, at(40)), tick("b", 100.2, at(35)), tick("c", 150, at(9))), at(40), 100);
    assertThat(p.status()).isEqualTo(Status.OK);
    assertThat(p.price()).isEqualTo(100.1);
    assertThat(p.dropped(DropReason.STALE)).extracting(PriceTick::source).containsExactly("c");
    assertThat(p.sourcesUsed()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void exactlyAtTheLimitIsFreshAndPerSourceLimitsApply() {
    OracleConfig cfg = new OracleConfig(Duration.ofSeconds(30), Map.of("slow", Duration.ofMinutes(5)), 0.02, 2,
        0.1, 3, 0.1);
    AggregatedPrice p = new PriceAggregator(cfg).aggregate(BTC,
        List.of(tick("a", 100, at(10)), tick("slow", 100.2, at(-200))), at(40), 100);
    assertThat(p.status()).isEqualTo(Status.OK);
    assertThat(p.sourcesUsed()).containsExactlyInAnyOrder("a", "slow");
  }

  @Test
  void futureTickDropped() {
    AggregatedPrice p = aggregator.aggregate(BTC,
        List.of(tick("a", 100, at(10)), tick("b", 100.2, at(10)), tick("c", 100.1, at(11))), at(10), 100);
    assertThat(p.dropped(DropReason.FUTURE)).extracting(PriceTick::source).containsExactly("c");
    assertThat(p.price()).isEqualTo(100.1);
  }

  @Test
  void outlierDroppedAndReported() {
    AggregatedPrice p = aggregator.aggregate(BTC,
        List.of(tick("a", 100, at(0)), tick("b", 100.6, at(0)), tick("c", 120, at(0))), at(1), 100);
    assertThat(p.status()).isEqualTo(Status.OK);
    assertThat(p.price()).isEqualTo(100.3);
    assertThat(p.dropped()).singleElement().satisfies(d -> {
      assertThat(d.tick().source()).isEqualTo("c");
      assertThat(d.reason()).isEqualTo(DropReason.OUTLIER);
      assertThat(d.detail()).contains("median 100.6");
    });
  }

  @Test
  void tooFewSourcesIsDegradedAtTheLastGoodPrice() {
    AggregatedPrice p = aggregator.aggregate(BTC, List.of(tick("a", 103, at(0)), tick("b", 99, at(-60))), at(1),
        100);
    assertThat(p.status()).isEqualTo(Status.DEGRADED);
    assertThat(p.reason()).contains(DegradedReason.TOO_FEW_SOURCES);
    assertThat(p.price()).isEqualTo(100);
    assertThat(p.candidate()).hasValue(103);
  }

  @Test
  void noSourcesAtAllIsDegraded() {
    AggregatedPrice p = aggregator.aggregate(BTC, List.of(), at(0), 100);
    assertThat(p.reason()).contains(DegradedReason.TOO_FEW_SOURCES);
    assertThat(p.price()).isEqualTo(100);
    assertThat(p.candidate()).isEmpty();
  }

  @Test
  void twoSourcesThatDisagreeAreBothOutliers() {
    AggregatedPrice p = aggregator.aggregate(BTC, List.of(tick("a", 100, at(0)), tick("b", 110, at(0))), at(0),
        100);
    assertThat(p.dropped(DropReason.OUTLIER)).hasSize(2);
    assertThat(p.reason()).contains(DegradedReason.TOO_FEW_SOURCES);
    assertThat(p.price()).isEqualTo(100);
  }

  @Test
  void jumpBeyondTheBoundIsDegradedAtTheLastGoodPrice() {
    AggregatedPrice p = aggregator.aggregate(BTC,
        List.of(tick("a", 85, at(0)), tick("b", 85.2, at(0)), tick("c", 84.9, at(0))), at(0), 100);
    assertThat(p.status()).isEqualTo(Status.DEGRADED);
    assertThat(p.reason()).contains(DegradedReason.JUMP);
    assertThat(p.price()).isEqualTo(100);
    assertThat(p.candidate()).hasValue(85);
  }

  @Test
  void moveJustWithinTheBoundIsAccepted() {
    AggregatedPrice p = aggregator.aggregate(BTC, List.of(tick("a", 109, at(0)), tick("b", 109.5, at(0))), at(0),
        100);
    assertThat(p.status()).isEqualTo(Status.OK);
    assertThat(p.price()).isEqualTo(109.25);
  }

  @Test
  void rejectsMixedInput() {
    assertThatThrownBy(() -> aggregator.aggregate(BTC, List.of(tick("a", 100, at(0)), tick("a", 101, at(1))),
        at(1), 100)).isInstanceOf(InvalidInputException.class).hasMessageContaining("source a");
    assertThatThrownBy(() -> aggregator.aggregate(BTC,
        List.of(PriceTick.index("a", org.pmargin.core.instrument.Asset.ETH, 100, at(0))), at(1), 100))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> aggregator.aggregate(BTC, List.of(), at(1), Double.NaN))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("last_good_price");
  }

  @Test
  void ticksAndConfigAreValidated() {
    assertThatThrownBy(() -> tick("a", Double.NaN, at(0))).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("price");
    assertThatThrownBy(() -> tick("a", 0, at(0))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> tick("a", Double.POSITIVE_INFINITY, at(0))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> tick(" ", 1, at(0))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new OracleConfig(Duration.ZERO, Map.of(), 0.02, 2, 0.1, 3, 0.1))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("staleness");
    assertThatThrownBy(() -> new OracleConfig(Duration.ofSeconds(1), Map.of(), Double.NaN, 2, 0.1, 3, 0.1))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("max_deviation");
    assertThatThrownBy(() -> OracleConfig.defaults().withMinSources(0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> OracleConfig.defaults().withBasisSmoothing(0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new OracleConfig(Duration.ofSeconds(1), Map.of(), 0.02, 2, 0.1, 1, 0.1))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("jump_confirmations");
  }
}
