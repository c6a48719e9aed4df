package org.pmargin.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.pmargin.simd.FmaPeak;

/**
 * This machine's FMA peak with the Vector API: independent vector fused multiply-adds in registers, reported as
 * multiply-adds per second, two threads by default (the sum: the peak of this machine's two cores; {@code -t 1}
 * for one). The simulation tick's rate is stated as a
 * fraction of it, measured in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@State(Scope.Thread)
@Threads(2)
public class FmaPeakBenchmark {

  private static final long ROUNDS = 1 << 20;

  double b = 0.999_999;
  double c = 1e-6;

  /**
   * {@code ROUNDS · 16 · 8} multiply-adds whatever the vector width: {@code ROUNDS · 8 / lanes} rounds of 16 vector
   * FMAs (8 doubles per vector on AVX-512, 4 on AVX2: CPUs of this machine kind differ between sessions).
   */
  @Benchmark
  @OperationsPerInvocation((int) ROUNDS * FmaPeak.PER_ROUND * 8)
  public double fmaPeak() {
    int lanes = FmaPeak.lanes();
    if (8 % lanes != 0) {
      throw new IllegalStateException("the op count needs a lane count dividing 8, this JVM has " + lanes);
    }
    return FmaPeak.run(ROUNDS * 8 / lanes, b, c);
  }
}
