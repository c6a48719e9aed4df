package org.pmargin.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pmargin.core.margin.derive.DeriveParameters;
import org.pmargin.core.margin.derive.DeriveScenario;
import org.pmargin.core.margin.derive.DeriveVolShock;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Reads the {@code derive} section of a risk-parameter file, and the {@code parameters} section of a
 * {@code derive-portfolio} file: {@code "preset"} ({@code mainnet}, the default, or {@code test-set}), any number of
 * Derive's own parameter names (PMRMLib_2: {@code mmFactor}, {@code volRangeUp}, ...) with new values,
 * {@code "maxExpiries"} (PMRM_2's expiry limit, 1 to 30) and {@code "scenarios"}, a list that replaces the preset's
 * scenario list (PMRM_2's {@code setScenarios}: 1 to 40 scenarios, each {@code spot_shock}, {@code vol_shock} and
 * {@code dampening}).
 */
public final class DeriveParametersJson {

  private static final Set<String> SCENARIO = Set.of("spot_shock", "vol_shock", "dampening");

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
      if (key.equals("preset") || key.equals("scenarios") || key.equals("maxExpiries")) {
        continue;
      }
      double value = f.number(key);
      try {
        p = p.with(key, value);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(f.pathOf(key), e.reason(), e);
      }
    }
    if (f.has("scenarios")) {
      List<DeriveScenario> list = scenarios(f);
      try {
        p = p.withScenarios(list);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(f.pathOf("scenarios"), e.reason(), e);
      }
    }
    if (f.has("maxExpiries")) {
      long max = f.integer("maxExpiries");
      if (max < 1 || max > 30) {
        throw new InvalidInputException(f.pathOf("maxExpiries"), "must be 1 to 30 (PMRM_2's limit), got " + max);
      }
      p = new DeriveParameters(p.name(), p.scenarios(), p.mmFactor(), p.imFactor(), p.volShock(), p.skew(),
          p.staticDiscount(), p.basis(), p.contingencies(), p.collateralTerms(), (int) max);
    }
    return p;
  }

  private static List<DeriveScenario> scenarios(Fields f) {
    List<DeriveScenario> out = new ArrayList<>();
    for (Fields s : f.objects("scenarios")) {
      s.onlyKnown(SCENARIO);
      double spot = s.number("spot_shock");
      String vol = s.text("vol_shock");
      DeriveVolShock shock;
      try {
        shock = DeriveVolShock.valueOf(vol.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(s.pathOf("vol_shock"),
            "must be one of up, none, down, linear, abs, got '" + vol + "'");
      }
      double dampening = s.number("dampening", 1.0);
      try {
        out.add(new DeriveScenario(spot, shock, dampening));
      } catch (InvalidInputException e) {
        throw s.locate(e);
      }
    }
    return out;
  }
}
