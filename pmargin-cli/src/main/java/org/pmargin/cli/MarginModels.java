package org.pmargin.cli;

import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The margin models the command line offers ({@link org.pmargin.core.margin.MarginModels}, plus {@code all} and the
 * comparison's grid presets), built from one set of risk parameters.
 */
final class MarginModels {

  /** The model names, in the order {@code all} runs them. */
  static final List<String> NAMES = org.pmargin.core.margin.MarginModels.NAMES;

  private MarginModels() {
  }

  /**
   * The models for a {@code --model} value.
   *
   * @param name  a model name or {@code all}
   * @param params  the risk parameters
   * @return the models
   */
  static List<MarginModel> of(String name, RiskParameters params) {
    if (name.equals("all")) {
      return org.pmargin.core.margin.MarginModels.every(params);
    }
    return List.of(one(name, params));
  }

  /** Every model the comparison shows: each model, and the grid under each of its presets. */
  static List<MarginModel> comparison(RiskParameters params) {
    List<MarginModel> out = new ArrayList<>();
    for (String n : NAMES) {
      if (!n.equals("grid")) {
        out.add(one(n, params));
      }
    }
    for (var preset : List.of(GridParameters.deribit(), GridParameters.deribitUnified(), GridParameters.paradex(),
        GridParameters.span())) {
      if (!preset.name().equals(params.grid().name())) {
        out.add(new ScenarioGridModel(preset.toBuilder().haircuts(params.collateral()).build()));
      }
    }
    out.add(new ScenarioGridModel(params.grid()));
    return out;
  }

  private static MarginModel one(String name, RiskParameters params) {
    if (!NAMES.contains(name)) {
      throw new InvalidInputException("model", "unknown model '" + name + "' (expected one of " + NAMES
          + " or all)");
    }
    return org.pmargin.core.margin.MarginModels.byName(name, params);
  }
}
