package org.pmargin.server.service;

import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.margin.derive.DeriveModel;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.sensitivity.SensitivityModel;
import org.pmargin.core.margin.standard.CrossModel;
import org.pmargin.core.margin.standard.IsolatedModel;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The margin models the service offers by name, built from the default risk parameters (the same names as the
 * command line's {@code --model}).
 */
public final class Models {

  /** The model names, in the order the calculator reports them. */
  public static final List<String> NAMES = List.of("isolated", "cross", "grid", "sensitivity", "derive");

  private Models() {
  }

  /**
   * The model of a name.
   *
   * @param name  one of {@link #NAMES}
   * @return the model with default parameters
   * @throws InvalidInputException naming {@code model} for an unknown name
   */
  public static MarginModel of(String name) {
    RiskParameters p = RiskParameters.defaults();
    return switch (name) {
      case "isolated" -> new IsolatedModel(p.standard());
      case "cross" -> new CrossModel(p.standard(), p.collateral());
      case "grid" -> new ScenarioGridModel(p.grid());
      case "sensitivity" -> new SensitivityModel(p.sensitivity(), p.collateral());
      case "derive" -> new DeriveModel(p.derive());
      default -> throw new InvalidInputException("model", "must be one of " + NAMES + ", got '" + name + "'");
    };
  }

  /** Every model, in the order of {@link #NAMES}. */
  public static List<MarginModel> all() {
    List<MarginModel> out = new ArrayList<>();
    for (String n : NAMES) {
      out.add(of(n));
    }
    return out;
  }
}
