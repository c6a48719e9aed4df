package org.pmargin.core.margin;

import org.pmargin.core.validation.InvalidInputException;

/**
 * A margin model that does not take this account at all, as opposed to one that failed on bad input: the venue the
 * model reproduces cannot hold an instrument or a balance of the account (Derive lists no coin-settled contracts,
 * no dated futures and no spot), so the model has no number to give, by design.
 *
 * <p>It is an {@link InvalidInputException}, naming the position or balance at fault, so a caller asking for that
 * one model still gets a clear error; a caller running several models ({@code pmargin margin --model all},
 * {@code pmargin compare}) reports it as "not applicable" and does not count it as a failure.
 */
public class ModelNotApplicableException extends InvalidInputException {

  /**
   * Creates the exception.
   *
   * @param field  the position or balance the model cannot take, e.g. {@code positions[0].instrument}
   * @param message  why, including what the model does take
   */
  public ModelNotApplicableException(String field, String message) {
    super(field, message);
  }

  @Override
  public ModelNotApplicableException within(String parent) {
    String path = field().startsWith("[") ? parent + field() : parent + "." + field();
    ModelNotApplicableException e = new ModelNotApplicableException(path, reason());
    e.setStackTrace(getStackTrace());
    return e;
  }
}
