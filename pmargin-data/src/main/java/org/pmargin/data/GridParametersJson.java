package org.pmargin.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.grid.ExtendedMode;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.UnderlyingOffset;
import org.pmargin.core.margin.grid.VolDirection;
import org.pmargin.core.margin.grid.VolShockParameters;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code grid} section of a risk-parameter file: a preset by name, with any field overridden.
 */
public final class GridParametersJson {

  private static final Set<String> FIELDS = Set.of("preset", "view", "price_range", "steps_per_side", "vol_legs",
      "vol", "extended_moves", "extended_factor", "extended_mode", "annualised_move_risk", "min_annualised_move",
      "max_delta_shock", "delta_shock_threshold_usd", "delta_shock_per_million", "short_option_minimum",
      "net_delta_floor", "hedged_delta_floor", "funding_provision", "offsets", "im_factor", "mm_factor",
      "settlement_basis");
  private static final Set<String> VOL = Set.of("up", "down", "short_power", "long_power", "cutoff_days",
      "min_days", "min_vol_up");

  private GridParametersJson() {
  }

  /** The preset of a name: {@code deribit}, {@code deribit-unified}, {@code paradex}, {@code span} or
   * {@code default}. */
  public static GridParameters preset(String name, String path) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "deribit" -> GridParameters.deribit();
      case "deribit-unified" -> GridParameters.deribitUnified();
      case "paradex" -> GridParameters.paradex();
      case "span" -> GridParameters.span();
      case "default" -> GridParameters.standard();
      default -> throw new InvalidInputException(path, "unknown grid preset '" + name
          + "' (expected deribit, deribit-unified, paradex, span or default)");
    };
  }

  /**
   * Reads a grid section: the preset named by {@code preset} (default: {@code default}) with the given fields
   * replaced.
   *
   * @param f  the section
   * @param haircuts  the collateral schedule of the file
   * @return the parameters
   */
  public static GridParameters read(Fields f, HaircutSchedule haircuts) {
    f.onlyKnown(FIELDS);
    GridParameters d = preset(f.text("preset", "default"), f.pathOf("preset"));
    GridParameters.Builder b = d.toBuilder().haircuts(haircuts);
    b.view(MarginViewJson.read(f, d.view()));
    if (f.has("vol_legs")) {
      List<VolDirection> legs = new ArrayList<>();
      JsonNode list = f.node().get("vol_legs");
      if (!list.isArray()) {
        throw new InvalidInputException(f.pathOf("vol_legs"), "must be an array of 'unchanged', 'up', 'down'");
      }
      for (int i = 0; i < list.size(); i++) {
        String leg = list.get(i).isString() ? list.get(i).stringValue() : "";
        try {
          legs.add(VolDirection.valueOf(leg.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(f.pathOf("vol_legs") + "[" + i + "]",
              "must be 'unchanged', 'up' or 'down', got " + list.get(i));
        }
      }
      b.volLegs(legs);
    }
    if (f.has("vol")) {
      VolShockParameters vol = d.vol();
      Fields v = f.object("vol").onlyKnown(VOL);
      try {
        b.vol(new VolShockParameters(v.number("up", vol.up()), v.number("down", vol.down()),
            v.number("short_power", vol.shortPower()), v.number("long_power", vol.longPower()),
            v.number("cutoff_days", vol.cutoffDays()), v.number("min_days", vol.minDays()),
            v.number("min_vol_up", vol.minVolUp())));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(f.pathOf(e.field()), e.reason(), e);
      }
    }
    if (f.has("extended_moves")) {
      List<Double> extended = new ArrayList<>();
      for (double m : f.numbers("extended_moves")) {
        extended.add(m);
      }
      b.extendedMoves(extended);
    }
    if (f.has("extended_mode")) {
      try {
        b.extendedMode(ExtendedMode.valueOf(f.text("extended_mode").toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(f.pathOf("extended_mode"),
            "must be delta_one_at_edge, all_scaled or all_fixed, got '" + f.text("extended_mode") + "'");
      }
    }
    if (f.has("offsets")) {
      List<UnderlyingOffset> offsets = new ArrayList<>();
      for (Fields o : f.objects("offsets")) {
        o.onlyKnown(Set.of("first", "second", "credit"));
        try {
          offsets.add(new UnderlyingOffset(Asset.of(o.text("first")), Asset.of(o.text("second")),
              o.number("credit")));
        } catch (InvalidInputException e) {
          throw o.locate(e);
        }
      }
      b.offsets(offsets);
    }
    if (f.has("steps_per_side")) {
      long steps = f.integer("steps_per_side");
      if (steps < 1 || steps > 100) {
        throw new InvalidInputException(f.pathOf("steps_per_side"), "must be in [1, 100], got " + steps);
      }
      b.stepsPerSide((int) steps);
    }
    if (f.has("funding_provision")) {
      JsonNode fp = f.node().get("funding_provision");
      if (!fp.isBoolean()) {
        throw new InvalidInputException(f.pathOf("funding_provision"), "must be true or false, got " + fp);
      }
      b.fundingProvision(fp.asBoolean());
    }
    b.priceRange(f.number("price_range", d.priceRange()))
        .extendedFactor(f.number("extended_factor", d.extendedFactor()))
        .annualisedMoveRisk(f.number("annualised_move_risk", d.annualisedMoveRisk()))
        .minAnnualisedMove(f.number("min_annualised_move", d.minAnnualisedMove()))
        .maxDeltaShock(f.number("max_delta_shock", d.maxDeltaShock()))
        .deltaShockThresholdUsd(f.number("delta_shock_threshold_usd", d.deltaShockThresholdUsd()))
        .deltaShockPerMillion(f.number("delta_shock_per_million", d.deltaShockPerMillion()))
        .shortOptionMinimum(f.number("short_option_minimum", d.shortOptionMinimum()))
        .netDeltaFloor(f.number("net_delta_floor", d.netDeltaFloor()))
        .hedgedDeltaFloor(f.number("hedged_delta_floor", d.hedgedDeltaFloor()))
        .settlementBasis(f.number("settlement_basis", d.settlementBasis()))
        .imFactor(f.number("im_factor", d.imFactor())).mmFactor(f.number("mm_factor", d.mmFactor()));
    try {
      return b.build();
    } catch (InvalidInputException e) {
      throw new InvalidInputException(f.pathOf(e.field()), e.reason(), e);
    }
  }
}
