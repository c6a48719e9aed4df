package org.pmargin.core.margin.simulation;

import org.pmargin.core.pricing.Black76;

/** The reference {@link OptionScenarioPricer}: {@link Black76#priceUnchecked} scenario by scenario. */
public final class ScalarOptionScenarioPricer implements OptionScenarioPricer {

  /** The shared instance. */
  public static final ScalarOptionScenarioPricer INSTANCE = new ScalarOptionScenarioPricer();

  private ScalarOptionScenarioPricer() {
  }

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void price(boolean call, double strike, double expiryYears, double discount, double[] forwards,
      double[] vols, int n, double[] prices) {
    for (int s = 0; s < n; s++) {
      prices[s] = Black76.priceUnchecked(call, forwards[s], strike, expiryYears, vols[s], discount);
    }
  }
}
