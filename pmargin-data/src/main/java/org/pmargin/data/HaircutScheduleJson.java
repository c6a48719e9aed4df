package org.pmargin.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pmargin.core.collateral.CollateralClass;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.collateral.HaircutTier;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code collateral} section of a risk-parameter file: classes of assets with value-tiered haircuts.
 */
public final class HaircutScheduleJson {

  private HaircutScheduleJson() {
  }

  /**
   * Reads a schedule.
   *
   * @param f  the section: {@code {"classes": [...], "default_class": {...}}}
   * @return the schedule
   */
  public static HaircutSchedule read(Fields f) {
    f.onlyKnown(Set.of("classes", "default_class"));
    List<CollateralClass> classes = new ArrayList<>();
    List<Fields> items = f.objects("classes");
    for (Fields c : items) {
      classes.add(collateralClass(c, true));
    }
    CollateralClass other = collateralClass(f.object("default_class"), false);
    try {
      return new HaircutSchedule(classes, other);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(f.pathOf(e.field()), e.reason(), e);
    }
  }

  private static CollateralClass collateralClass(Fields c, boolean withAssets) {
    c.onlyKnown(withAssets ? Set.of("name", "assets", "tiers") : Set.of("name", "tiers"));
    Set<Asset> assets = new LinkedHashSet<>();
    if (withAssets) {
      JsonNode list = c.node().get("assets");
      if (list == null || !list.isArray()) {
        throw new InvalidInputException(c.pathOf("assets"), "must be an array of asset tickers");
      }
      for (int i = 0; i < list.size(); i++) {
        if (!list.get(i).isString()) {
          throw new InvalidInputException(c.pathOf("assets") + "[" + i + "]", "must be a ticker string");
        }
        try {
          assets.add(Asset.of(list.get(i).stringValue()));
        } catch (InvalidInputException e) {
          throw new InvalidInputException(c.pathOf("assets") + "[" + i + "]", e.reason());
        }
      }
    }
    List<HaircutTier> tiers = new ArrayList<>();
    for (Fields t : c.objects("tiers")) {
      t.onlyKnown(Set.of("up_to_usd", "haircut"));
      try {
        double upTo = t.has("up_to_usd") ? t.number("up_to_usd") : Double.POSITIVE_INFINITY;
        tiers.add(new HaircutTier(upTo, t.number("haircut")));
      } catch (InvalidInputException e) {
        throw t.locate(e);
      }
    }
    try {
      return new CollateralClass(c.text("name"), assets, tiers);
    } catch (InvalidInputException e) {
      throw c.locate(e);
    }
  }
}
