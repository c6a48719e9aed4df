package org.pmargin.engine.script;

import java.util.Locale;
import java.util.Set;
import org.pmargin.core.margin.MarginModels;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.RiskParametersJson;
import org.pmargin.engine.event.LiquidationControl;
import org.pmargin.engine.event.ModelChange;

/**
 * The engine-script lines that change how the engine margins and liquidates rather than an account: {@code
 * parameters} (a model with a risk-parameter document, docs/FORMATS.md, "Risk parameters": a {@link ModelChange})
 * and {@code liquidation} ({@code pause}, {@code resume}, {@code run}: a {@link LiquidationControl}). Kept apart
 * from {@link EventScript} so that each file holds one idea.
 */
final class ControlLines {

  private ControlLines() {
  }

  /**
   * A {@code parameters} line: {@code model} (one of {@link MarginModels#NAMES}) and {@code parameters} (a
   * risk-parameter document, every field checked; errors name {@code parameters.…}).
   */
  static ModelChange parameters(Fields f) {
    f.onlyKnown(Set.of("type", "model", "parameters"));
    String model = f.text("model");
    RiskParameters p;
    try {
      p = RiskParametersJson.read(f.object("parameters").node());
    } catch (InvalidInputException e) {
      throw e.within("parameters");
    }
    return new ModelChange(MarginModels.byName(model, p));
  }

  /** A {@code liquidation} line: {@code action} one of {@code pause}, {@code resume}, {@code run}. */
  static LiquidationControl liquidation(Fields f) {
    f.onlyKnown(Set.of("type", "action"));
    String a = f.text("action");
    return switch (a.toLowerCase(Locale.ROOT)) {
      case "pause" -> new LiquidationControl(LiquidationControl.Action.PAUSE);
      case "resume" -> new LiquidationControl(LiquidationControl.Action.RESUME);
      case "run" -> new LiquidationControl(LiquidationControl.Action.RUN);
      default -> throw new InvalidInputException("action", "must be pause, resume or run, got '" + a + "'");
    };
  }
}
