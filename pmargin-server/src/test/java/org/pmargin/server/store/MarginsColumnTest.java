package org.pmargin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.engine.event.AccountMargin;

/**
 * The log's binary margins: every margin reads back bit for bit (seeded random figures over many magnitudes,
 * negative zero, every state, ids outside ASCII); bytes of another version, truncated, with extra bytes or an unknown state are refused.
 */
class MarginsColumnTest {

  private static double figure(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> 0.0;
      case 1 -> -0.0;
      case 2 -> r.nextDouble() * Math.pow(10, r.nextInt(-12, 13));
      case 3 -> -r.nextDouble() * Math.pow(10, r.nextInt(-12, 13));
      case 4 -> Double.MIN_VALUE;
      default -> Math.scalb(r.nextDouble(), r.nextInt(-60, 60));
    };
  }

  static List<AccountMargin> margins(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<AccountMargin> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double im = Math.abs(figure(r));
      double mm = Math.min(im, Math.abs(figure(r)));
      HealthState state = HealthState.values()[r.nextInt(HealthState.values().length)];
      String id = r.nextInt(4) == 0 ? "compte-é-" + i + "-€" : "a" + i;
      out.add(new AccountMargin(id, new AccountHealth(figure(r), im, mm, Math.abs(figure(r)), Math.abs(figure(r)), state),
          r.nextLong(0, Long.MAX_VALUE), r.nextBoolean()));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void shouldReadEveryMarginBackBitForBit(long seed) {
    List<AccountMargin> in = margins(seed, 1 + (int) (seed * 37 % 200));
    List<AccountMargin> out = MarginsColumn.decode(MarginsColumn.encode(in));
    assertThat(out).isEqualTo(in); // records compare doubles by their bits (Double.compare): -0.0 is not 0.0
  }

  @Test
  void shouldTakeAboutSixtyBytesAnAccount() {
    byte[] bytes = MarginsColumn.encode(margins(9, 100_000).stream().map(m -> new AccountMargin("a" + m.hashCode()
        % 100_000, m.health(), m.snapshotVersion(), m.degraded())).toList());
    assertThat(bytes.length / 100_000.0).isBetween(55.0, 65.0);
  }

  @Test
  void shouldRefuseBytesOfAnotherFormatOrDamaged() {
    byte[] good = MarginsColumn.encode(margins(3, 5));
    byte[] version = good.clone();
    version[0] = 2;
    assertThatThrownBy(() -> MarginsColumn.decode(version)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format 2");
    assertThatThrownBy(() -> MarginsColumn.decode(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> MarginsColumn.decode(Arrays.copyOf(good, good.length + 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 bytes after");
    byte[] state = MarginsColumn.encode(margins(3, 1));
    state[state.length - 10] = 17; // the state byte: before the snapshot version (8) and the flag (1)
    assertThatThrownBy(() -> MarginsColumn.decode(state)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state 17");
  }
}
