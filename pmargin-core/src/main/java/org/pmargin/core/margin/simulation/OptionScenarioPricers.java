package org.pmargin.core.margin.simulation;

import java.util.ServiceLoader;

/**
 * Which {@link OptionScenarioPricer} the simulation margin uses: the first one registered as a {@link ServiceLoader}
 * service that loads (the Vector API pricer of {@code pmargin-simd} needs {@code --add-modules
 * jdk.incubator.vector}; without it, its classes fail to link and it is skipped), else {@link
 * ScalarOptionScenarioPricer}. The system property {@code pmargin.option-pricer=scalar} forces the reference.
 */
public final class OptionScenarioPricers {

  private static final OptionScenarioPricer PREFERRED = load();

  private OptionScenarioPricers() {
  }

  /** The fastest pricer that works in this JVM, chosen once. */
  public static OptionScenarioPricer preferred() {
    return PREFERRED;
  }

  private static OptionScenarioPricer load() {
    if ("scalar".equals(System.getProperty("pmargin.option-pricer"))) {
      return ScalarOptionScenarioPricer.INSTANCE;
    }
    try {
      for (OptionScenarioPricer p : ServiceLoader.load(OptionScenarioPricer.class,
          OptionScenarioPricers.class.getClassLoader())) {
        try {
          p.name();
          return p;
        } catch (LinkageError e) {
          // the provider's classes need a module this JVM was not started with: skip it
        }
      }
    } catch (java.util.ServiceConfigurationError | LinkageError e) {
      // a provider that cannot be instantiated (no incubator module): fall back to the reference
    }
    return ScalarOptionScenarioPricer.INSTANCE;
  }
}
