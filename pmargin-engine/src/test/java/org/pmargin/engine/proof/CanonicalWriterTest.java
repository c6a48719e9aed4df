package org.pmargin.engine.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The leaf order without encoding: for seeded random strings drawn from ASCII, the BMP above U+E000 and code points
 * above U+FFFF (surrogate pairs, where UTF-16 order and UTF-8 order differ), the comparison agrees in sign with the
 * unsigned comparison of the UTF-8 bytes.
 */
class CanonicalWriterTest {

  @Test
  void shouldOrderAsTheUtf8BytesDo() {
    SplittableRandom r = new SplittableRandom(8);
    int[] pool = {'a', 'b', 'z', '-', 0xE9, 0x4E2D, 0xE000, 0xFF21, 0x1F600, 0x10000, 0x10FFFF};
    for (int t = 0; t < 20_000; t++) {
      String a = random(r, pool);
      String b = r.nextInt(4) == 0 ? a + random(r, pool) : random(r, pool);
      int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
          b.getBytes(StandardCharsets.UTF_8)));
      assertThat(Integer.signum(CanonicalWriter.compareUtf8(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
    }
  }

  private static String random(SplittableRandom r, int[] pool) {
    StringBuilder s = new StringBuilder();
    for (int i = r.nextInt(5); i > 0; i--) {
      s.appendCodePoint(pool[r.nextInt(pool.length)]);
    }
    return s.toString();
  }
}
