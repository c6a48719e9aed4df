package org.pmargin.core.market;

import org.pmargin.core.validation.Checks;

/**
 * One implied vol for every strike of an expiry.
 *
 * @param vol  the implied vol, &gt; 0
 */
public record FlatSmile(double vol) implements Smile {

  /** Validates the vol. */
  public FlatSmile {
    Checks.positive(vol, "vol");
  }

  @Override
  public double totalVariance(double logMoneyness, double expiryYears) {
    return vol * vol * expiryYears;
  }

  @Override
  public Smile scaled(double volFactor) {
    return new FlatSmile(vol * volFactor);
  }
}
