package org.pmargin.engine.event;

import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.validation.Checks;

/**
 * New risk parameters: the engine margins every account with the new model from now on.
 *
 * @param model  the model, with its parameters
 */
public record ModelChange(MarginModel model) implements EngineEvent {

  /** Validates the field. */
  public ModelChange {
    Checks.notNull(model, "model");
  }
}
