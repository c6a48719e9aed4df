package org.pmargin.core.margin.simulation;

import java.util.ServiceLoader;

/**
 * Which {@link ScenarioKernel} the simulation margin uses: the first one registered as a {@link ServiceLoader}
 * service that loads (the Vector API kernel of {@code pmargin-simd} needs {@code --add-modules
 * jdk.incubator.vector}; without it, its classes fail to link and it is skipped), else {@link ScalarScenarioKernel}.
 * Every kernel gives the same figures bit for bit, so the choice changes only the speed.
 */
public final class ScenarioKernels {

  private static final ScenarioKernel PREFERRED = load();

  private ScenarioKernels() {
  }

  /** The fastest kernel that works in this JVM, chosen once. */
  public static ScenarioKernel preferred() {
    return PREFERRED;
  }

  private static ScenarioKernel load() {
    try {
      for (ScenarioKernel k : ServiceLoader.load(ScenarioKernel.class, ScenarioKernels.class.getClassLoader())) {
        try {
          k.name();
          return k;
        } catch (LinkageError e) {
          // the provider's classes need a module this JVM was not started with: skip it
        }
      }
    } catch (java.util.ServiceConfigurationError | LinkageError e) {
      // a provider that cannot be instantiated (no incubator module): fall back to the reference
    }
    return ScalarScenarioKernel.INSTANCE;
  }
}
