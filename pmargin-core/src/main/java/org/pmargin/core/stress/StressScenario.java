package org.pmargin.core.stress;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;

/**
 * One named stress: a log return of each asset's USD price and a log change of its implied vol, applied at once.
 *
 * <p>Assets the scenario does not list move by {@code otherCoinsLogReturn} (so a crash replayed from BTC and ETH data
 * still moves an account's SOL), except the stablecoins in {@link #PEGGED}, which stay at their price unless listed:
 * a depeg is its own scenario. Vols of unlisted underlyings change by {@code otherVolLogChange}.
 *
 * @param name  a stable key, e.g. {@code ftx_collapse:worst_point}
 * @param description  what happened or what is assumed, for people
 * @param logReturns  log return per asset
 * @param volLogChanges  implied-vol log change per underlying
 * @param otherCoinsLogReturn  the log return of unlisted, non-pegged assets
 * @param otherVolLogChange  the vol log change of unlisted underlyings
 */
public record StressScenario(String name, String description, Map<Asset, Double> logReturns,
    Map<Asset, Double> volLogChanges, double otherCoinsLogReturn, double otherVolLogChange) {

  /** USD stablecoins, which do not follow other coins' moves. */
  public static final Set<Asset> PEGGED = Set.of(Asset.USD, Asset.USDC, Asset.USDT, Asset.of("DAI"),
      Asset.of("BUSD"), Asset.of("TUSD"), Asset.of("USDP"), Asset.of("FRAX"));

  /** Validates and copies. */
  public StressScenario {
    Checks.notBlank(name, "name");
    Checks.notNull(description, "description");
    logReturns = checked(logReturns, name + ".log_returns");
    volLogChanges = checked(volLogChanges, name + ".vol_log_changes");
    Checks.finite(otherCoinsLogReturn, name + ".other_coins_log_return");
    Checks.finite(otherVolLogChange, name + ".other_vol_log_change");
  }

  private static Map<Asset, Double> checked(Map<Asset, Double> m, String field) {
    Checks.notNull(m, field);
    for (Map.Entry<Asset, Double> e : m.entrySet()) {
      Checks.finite(Checks.notNull(e.getValue(), field + "." + e.getKey()), field + "." + e.getKey());
    }
    return Collections.unmodifiableMap(new TreeMap<>(m));
  }

  /** The price factor exp(log return) of an asset in this scenario. */
  public double priceFactor(Asset asset) {
    Double r = logReturns.get(asset);
    if (r != null) {
      return Math.exp(r);
    }
    return PEGGED.contains(asset) ? 1.0 : Math.exp(otherCoinsLogReturn);
  }

  /** The vol factor exp(vol log change) of an underlying in this scenario. */
  public double volFactor(Asset underlying) {
    return Math.exp(volLogChanges.getOrDefault(underlying, otherVolLogChange));
  }
}
