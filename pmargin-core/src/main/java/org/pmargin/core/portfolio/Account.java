package org.pmargin.core.portfolio;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;

/**
 * An account: its positions and its collateral balances in several assets.
 *
 * <p>Balances are in units of each asset (coins, or USD for USD stablecoins); a negative balance is a debt.
 * A coin balance is an exposure to that coin like a long spot position.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id  the account identifier
 * @param portfolio  the positions
 * @param collateral  balances by asset (iterated in ticker order)
 */
public record Account(String id, Portfolio portfolio, Map<Asset, Double> collateral) {

  /** Validates and copies the fields. */
  public Account {
    Checks.notBlank(id, "account");
    Checks.notNull(portfolio, "positions");
    Checks.notNull(collateral, "collateral");
    for (Map.Entry<Asset, Double> e : collateral.entrySet()) {
      Checks.notNull(e.getKey(), "collateral");
      Double v = e.getValue();
      if (v == null) {
        Checks.notNull(v, "collateral." + e.getKey());
      } else if (!Double.isFinite(v)) {
        Checks.finite(v, "collateral." + e.getKey());
      }
    }
    collateral = Collections.unmodifiableMap(new TreeMap<>(collateral));
  }

  /** The balance of an asset, zero when the account holds none. */
  public double balance(Asset asset) {
    return collateral.getOrDefault(asset, 0.0);
  }
}
