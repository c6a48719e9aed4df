package org.pmargin.engine.liquidation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The candidates queue: worst margin ratio first, ties in account order, only candidates held. */
class LiquidationQueueTest {

  @Test
  void shouldOrderByRatioWorstFirstThenByAccountIndex() {
    LiquidationQueue q = new LiquidationQueue();
    assertThat(q.isEmpty()).isTrue();
    q.update(4, 1.2, true);
    q.update(1, 1.5, true);
    q.update(3, 1.2, true);
    q.update(0, Double.MAX_VALUE, true); // bankrupt: equity at or below zero
    q.update(2, 0.4, false); // healthy: never held
    assertThat(q.candidates()).containsExactly(0, 1, 3, 4);
    assertThat(q.size()).isEqualTo(4);
    assertThat(q.contains(2)).isFalse();
  }

  @Test
  void shouldMoveAnAccountWhenItsRatioChangesAndDropItWhenItRecovers() {
    LiquidationQueue q = new LiquidationQueue();
    q.update(0, 1.1, true);
    q.update(1, 1.3, true);
    q.update(0, 1.6, true);
    assertThat(q.candidates()).containsExactly(0, 1);
    q.update(0, 0.8, false);
    assertThat(q.candidates()).containsExactly(1);
    q.update(1, 1.3, false);
    assertThat(q.isEmpty()).isTrue();
    q.update(7, 0.9, false); // not held, nothing to drop
    assertThat(q.isEmpty()).isTrue();
  }
}
