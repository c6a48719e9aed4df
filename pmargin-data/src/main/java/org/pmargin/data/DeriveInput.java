package org.pmargin.data;

import java.util.Optional;
import org.pmargin.core.margin.derive.DerivePortfolio;
import org.pmargin.core.margin.derive.DeriveParameters;
import org.pmargin.core.validation.Checks;

/**
 * What a {@code derive-portfolio} file holds ({@link DerivePortfolioJson}): one Derive PM2 subaccount with the feeds
 * its risk manager reads, and optionally the risk manager's parameters.
 *
 * @param subaccount  the subaccount's name, for reports
 * @param portfolio  the subaccount as PMRM_2 arranges it
 * @param parameters  the file's own parameters, empty when it has no {@code parameters} section
 */
public record DeriveInput(String subaccount, DerivePortfolio portfolio, Optional<DeriveParameters> parameters) {

  /** Validates the fields. */
  public DeriveInput {
    Checks.notBlank(subaccount, "subaccount");
    Checks.notNull(portfolio, "portfolio");
    Checks.notNull(parameters, "parameters");
  }
}
