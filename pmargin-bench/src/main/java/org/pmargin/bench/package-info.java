/**
 * JMH benchmarks of the pmargin kernels. Every benchmark class measures our code and its baselines (OpenGamma Strata,
 * textbook formulas) in the same JMH run, on the same inputs, after checking that they compute the same figures.
 * Build with {@code ./mvnw -pl pmargin-bench package}, run with {@code java -jar pmargin-bench/target/benchmarks.jar};
 * see {@code docs/BENCHMARKS.md}.
 */
package org.pmargin.bench;
