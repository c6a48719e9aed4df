package org.pmargin.core.collateral;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * How collateral balances count toward a unified USD account's equity: each asset belongs to one
 * {@link CollateralClass}, whose value tiers haircut it; assets in no class fall into the default class.
 *
 * <p>A negative balance (a debt) counts at its full USD value: haircuts never make a debt smaller. The defaults
 * ({@link #standard()}) follow the ranges in the shared methodology (stables 0–5%, BTC/ETH 3–10%, alts 15–30%, the
 * long tail 40–75%, size-tiered).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param classes  the named classes; no asset may be in two
 * @param defaultClass  the class of every other asset
 */
public record HaircutSchedule(List<CollateralClass> classes, CollateralClass defaultClass) {

  /** Validates that no asset is in two classes. */
  public HaircutSchedule {
    Checks.notNull(classes, "classes");
    Checks.notNull(defaultClass, "default_class");
    Set<Asset> seen = new HashSet<>();
    for (int i = 0; i < classes.size(); i++) {
      for (Asset a : classes.get(i).assets()) {
        if (!seen.add(a)) {
          throw new InvalidInputException("classes[" + i + "].assets", a + " is in two collateral classes");
        }
      }
    }
    classes = List.copyOf(classes);
  }

  /** The default schedule: stablecoins, majors, alts and everything else, each with value tiers. */
  public static HaircutSchedule standard() {
    double inf = Double.POSITIVE_INFINITY;
    return new HaircutSchedule(List.of(
        new CollateralClass("stablecoins", Set.of(Asset.USD, Asset.USDC, Asset.USDT, Asset.of("DAI")),
            List.of(new HaircutTier(5e6, 0.0), new HaircutTier(2e7, 0.02), new HaircutTier(inf, 0.05))),
        new CollateralClass("majors", Set.of(Asset.BTC, Asset.ETH),
            List.of(new HaircutTier(1e7, 0.05), new HaircutTier(5e7, 0.075), new HaircutTier(inf, 0.10))),
        new CollateralClass("alts", Set.of(Asset.of("SOL"), Asset.of("BNB"), Asset.of("XRP"), Asset.of("ADA"),
            Asset.of("DOGE"), Asset.of("AVAX"), Asset.of("LINK"), Asset.of("MATIC"), Asset.of("LTC"), Asset.of("DOT")),
            List.of(new HaircutTier(1e6, 0.15), new HaircutTier(5e6, 0.20), new HaircutTier(inf, 0.30)))),
        new CollateralClass("illiquid", Set.of(),
            List.of(new HaircutTier(2.5e5, 0.40), new HaircutTier(1e6, 0.60), new HaircutTier(inf, 0.75))));
  }

  /** The class an asset belongs to. */
  public CollateralClass classOf(Asset asset) {
    for (CollateralClass c : classes) {
      if (c.assets().contains(asset)) {
        return c;
      }
    }
    return defaultClass;
  }

  /**
   * The USD value a balance counts for.
   *
   * @param asset  the asset
   * @param balance  units held; negative for a debt
   * @param priceUsd  the asset's USD price, &gt; 0
   * @return the haircut USD value (a debt at full value)
   */
  public double countedUsd(Asset asset, double balance, double priceUsd) {
    Checks.finite(balance, "balance");
    Checks.positive(priceUsd, "price");
    double value = balance * priceUsd;
    return value <= 0 ? value : classOf(asset).haircutValue(value);
  }
}
