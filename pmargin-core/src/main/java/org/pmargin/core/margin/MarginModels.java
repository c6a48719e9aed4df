package org.pmargin.core.margin;

import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.margin.derive.DeriveModel;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.margin.sensitivity.SensitivityModel;
import org.pmargin.core.margin.standard.CrossModel;
import org.pmargin.core.margin.standard.IsolatedModel;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The margin models by name, built from one set of risk parameters: the names the command line's {@code --model}
 * and the service's routes take, in one place so that every front end offers the same models.
 */
public final class MarginModels {

  /** The model names, in the order {@link #every} builds them. */
  public static final List<String> NAMES = List.of("isolated", "cross", "grid", "sensitivity", "derive");

  private MarginModels() {
  }

  /**
   * The model of a name.
   *
   * @param name  one of {@link #NAMES}
   * @param params  the risk parameters
   * @return the model
   * @throws InvalidInputException naming {@code model} for an unknown name
   */
  public static MarginModel byName(String name, RiskParameters params) {
    return switch (name) {
      case "isolated" -> new IsolatedModel(params.standard());
      case "cross" -> new CrossModel(params.standard(), params.collateral());
      case "grid" -> new ScenarioGridModel(params.grid());
      case "sensitivity" -> new SensitivityModel(params.sensitivity(), params.collateral());
      case "derive" -> new DeriveModel(params.derive());
      default -> throw new InvalidInputException("model", "must be one of " + NAMES + ", got '" + name + "'");
    };
  }

  /** Every model, in the order of {@link #NAMES}. */
  public static List<MarginModel> every(RiskParameters params) {
    List<MarginModel> out = new ArrayList<>(NAMES.size());
    for (String n : NAMES) {
      out.add(byName(n, params));
    }
    return out;
  }
}
