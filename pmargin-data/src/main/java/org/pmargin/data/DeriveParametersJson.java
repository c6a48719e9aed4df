package org.pmargin.data;

import java.util.Locale;
import org.pmargin.core.margin.derive.DeriveParameters;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Reads the {@code derive} section of a risk-parameter file: {@code "preset"} ({@code mainnet}, the default, or
 * {@code test-set}) and any number of Derive's own parameter names (PMRMLib_2: {@code mmFactor},
 * {@code volRangeUp}, ...) with new values.
 */
public final class DeriveParametersJson {

  private DeriveParametersJson() {
  }

  /** Reads the section. */
  public static DeriveParameters read(Fields f) {
    String preset = f.text("preset", "mainnet");
    DeriveParameters p = switch (preset.toLowerCase(Locale.ROOT)) {
      case "mainnet" -> DeriveParameters.mainnet();
      case "test-set", "testset" -> DeriveParameters.testSet();
      default -> throw new InvalidInputException(f.pathOf("preset"),
          "unknown derive preset '" + preset + "' (expected mainnet or test-set)");
    };
    for (String key : f.node().propertyNames()) {
      if (key.equals("preset")) {
        continue;
      }
      double value = f.number(key);
      try {
        p = p.with(key, value);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(f.pathOf(key), e.reason(), e);
      }
    }
    return p;
  }
}
