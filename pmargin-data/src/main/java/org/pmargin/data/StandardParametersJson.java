package org.pmargin.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.standard.DeltaOneRates;
import org.pmargin.core.margin.standard.OptionRates;
import org.pmargin.core.margin.standard.SizeTier;
import org.pmargin.core.margin.standard.SizeTiers;
import org.pmargin.core.margin.standard.StandardMarginParameters;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code standard} section of a risk-parameter file (isolated and cross margin): Deribit's standard rules
 * with any part replaced.
 */
public final class StandardParametersJson {

  private static final Set<String> FIELDS = Set.of("delta_one", "default_delta_one", "delta_one_rate_cap",
      "options", "size_tiers", "tier_short_options");
  private static final Set<String> RATES = Set.of("initial_rate", "maintenance_rate", "increment_per_step", "step",
      "step_unit");

  private StandardParametersJson() {
  }

  /** Reads the section. */
  public static StandardMarginParameters read(Fields f) {
    f.onlyKnown(FIELDS);
    StandardMarginParameters d = StandardMarginParameters.deribit();
    Map<Asset, DeltaOneRates> deltaOne = new LinkedHashMap<>(d.deltaOne());
    if (f.has("delta_one")) {
      Fields m = f.object("delta_one");
      for (String name : m.node().propertyNames()) {
        Asset a;
        try {
          a = Asset.of(name);
        } catch (InvalidInputException e) {
          throw new InvalidInputException(m.pathOf(name), e.reason());
        }
        deltaOne.put(a, rates(m.object(name), d.deltaOneFor(a)));
      }
    }
    DeltaOneRates other = f.has("default_delta_one") ? rates(f.object("default_delta_one"), d.defaultDeltaOne())
        : d.defaultDeltaOne();
    OptionRates options = d.options();
    if (f.has("options")) {
      Fields o = f.object("options").onlyKnown(Set.of("initial_rate", "initial_floor", "maintenance_rate"));
      try {
        options = new OptionRates(o.number("initial_rate", options.initialRate()),
            o.number("initial_floor", options.initialFloor()),
            o.number("maintenance_rate", options.maintenanceRate()));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(o.pathOf(e.field()), e.reason(), e);
      }
    }
    SizeTiers tiers = d.sizeTiers();
    if (f.has("size_tiers")) {
      List<SizeTier> list = new ArrayList<>();
      for (Fields t : f.objects("size_tiers")) {
        t.onlyKnown(Set.of("up_to_usd", "initial_rate", "maintenance_rate"));
        try {
          list.add(new SizeTier(t.has("up_to_usd") ? t.number("up_to_usd") : Double.POSITIVE_INFINITY,
              t.number("initial_rate"), t.number("maintenance_rate")));
        } catch (InvalidInputException e) {
          throw t.locate(e);
        }
      }
      try {
        tiers = new SizeTiers(list);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(f.pathOf("size_tiers") + "." + e.field(), e.reason(), e);
      }
    }
    boolean tierShort = d.tierShortOptions();
    if (f.has("tier_short_options")) {
      JsonNode b = f.node().get("tier_short_options");
      if (!b.isBoolean()) {
        throw new InvalidInputException(f.pathOf("tier_short_options"), "must be true or false, got " + b);
      }
      tierShort = b.asBoolean();
    }
    try {
      return new StandardMarginParameters(deltaOne, other, f.number("delta_one_rate_cap", d.deltaOneRateCap()),
          options, tiers, tierShort);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(f.pathOf(e.field()), e.reason(), e);
    }
  }

  private static DeltaOneRates rates(Fields r, DeltaOneRates base) {
    r.onlyKnown(RATES);
    DeltaOneRates.StepUnit unit = base.stepUnit();
    if (r.has("step_unit")) {
      String u = r.text("step_unit");
      unit = switch (u.toLowerCase(Locale.ROOT)) {
        case "coin" -> DeltaOneRates.StepUnit.COIN;
        case "usd" -> DeltaOneRates.StepUnit.USD;
        default -> throw new InvalidInputException(r.pathOf("step_unit"), "must be 'coin' or 'usd', got '" + u + "'");
      };
    }
    try {
      return new DeltaOneRates(r.number("initial_rate", base.initialRate()),
          r.number("maintenance_rate", base.maintenanceRate()),
          r.number("increment_per_step", base.incrementPerStep()), r.number("step", base.step()), unit);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(r.pathOf(e.field()), e.reason(), e);
    }
  }
}
