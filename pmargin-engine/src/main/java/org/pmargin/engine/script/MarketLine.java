package org.pmargin.engine.script;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.DeliveryPrice;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.engine.event.MarketUpdate;

/**
 * A {@code market} line of the engine script format (docs/FORMATS.md, "Engine events"), read once and validated
 * with the field named: the move (index and vol factors, the new time), the underlyings the oracle holds as degraded
 * and the delivery prices. {@link #update} turns it into the engine's event against the snapshot in force, so the
 * single-node script runner and the Flink job read market lines with one piece of code.
 *
 * @param move  the index and vol factors and the new time
 * @param degraded  the underlyings whose price the oracle holds
 * @param deliveryPrices  the settlement prices to install, or null to keep the snapshot's own
 */
public record MarketLine(MarketMove move, Set<Asset> degraded, List<DeliveryPrice> deliveryPrices) {

  /** The fields a market line may have. */
  public static final Set<String> FIELDS = Set.of("type", "moves", "vol_factors", "at", "degraded",
      "delivery_prices");

  /** Copies the collections. */
  public MarketLine {
    degraded = Set.copyOf(degraded);
    deliveryPrices = deliveryPrices == null ? null : List.copyOf(deliveryPrices);
  }

  /**
   * Reads a market line (the caller has checked {@code type}).
   *
   * @throws InvalidInputException naming the field, for an unknown field or a bad value
   */
  public static MarketLine read(Fields f) {
    f.onlyKnown(FIELDS);
    Map<Asset, Double> moves = assetNumbers(f, "moves");
    Map<Asset, Double> vols = assetNumbers(f, "vol_factors");
    Set<Asset> degraded = new HashSet<>();
    if (f.has("degraded")) {
      var d = f.node().get("degraded");
      if (!d.isArray()) {
        throw new InvalidInputException("degraded", "must be an array of underlyings");
      }
      for (int i = 0; i < d.size(); i++) {
        if (!d.get(i).isString()) {
          throw new InvalidInputException("degraded[" + i + "]", "must be an underlying code");
        }
        degraded.add(Asset.of(d.get(i).stringValue()));
      }
    }
    List<DeliveryPrice> delivery = f.has("delivery_prices") ? MarketSnapshotJson.deliveryPrices(f) : null;
    return new MarketLine(new MarketMove(moves, vols, f.has("at") ? f.instant("at") : null), degraded, delivery);
  }

  /**
   * The engine's event: the move applied to the snapshot in force, with the delivery prices if given.
   *
   * @throws InvalidInputException when the move does not fit the snapshot (an unknown underlying, a time before it)
   */
  public MarketUpdate update(MarketSnapshot current) {
    MarketSnapshot next = move.apply(current);
    if (deliveryPrices != null) {
      next = next.withDeliveryPrices(deliveryPrices);
    }
    return new MarketUpdate(next, degraded);
  }

  private static Map<Asset, Double> assetNumbers(Fields f, String name) {
    Map<Asset, Double> out = new HashMap<>();
    if (!f.has(name)) {
      return out;
    }
    Fields o = f.object(name);
    for (String code : o.node().propertyNames()) {
      out.put(Asset.of(code), o.number(code));
    }
    return out;
  }
}
