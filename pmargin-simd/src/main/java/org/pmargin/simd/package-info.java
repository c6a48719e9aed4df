/**
 * SIMD revaluation kernels on the JDK Vector API ({@code jdk.incubator.vector}), each with a scalar reference
 * implementation of the same interface that the tests compare it against option by option.
 *
 * <p>{@link org.pmargin.simd.Black76Batch} holds a batch of options as a structure of arrays, validated once;
 * {@link org.pmargin.simd.Black76Kernel} revalues it (price, or price with delta, gamma and vega) into caller-owned
 * arrays; {@link org.pmargin.simd.VectorBlack76Kernel} and {@link org.pmargin.simd.ScalarBlack76Kernel} implement it.
 *
 * <p>This module is separate so that the incubator module, and the {@code --add-modules jdk.incubator.vector} flag it
 * needs at compile time and at run time, stay out of every other module. Code that cannot pass the flag uses the
 * scalar kernel.
 */
package org.pmargin.simd;
