package org.pmargin.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.MarginView;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.UnderlyingOffset;
import org.pmargin.core.margin.grid.VolShockParameters;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Reads the {@code grid} section of a risk-parameter file: a preset by name, with any field overridden.
 */
public final class GridParametersJson {

  private static final Set<String> FIELDS = Set.of("preset", "view", "price_range", "steps_per_side", "vol",
      "extended_moves", "extended_factor", "annualised_move_risk", "min_annualised_move", "max_delta_shock",
      "delta_shock_threshold_usd", "delta_shock_per_million", "short_option_minimum", "offsets", "im_factor",
      "mm_factor");
  private static final Set<String> VOL = Set.of("up", "down", "short_power", "long_power", "cutoff_days",
      "min_days", "min_vol_up");

  private GridParametersJson() {
  }

  /** The preset of a name: {@code deribit}, {@code deribit-unified} or {@code default}. */
  public static GridParameters preset(String name, String path) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "deribit" -> GridParameters.deribit();
      case "deribit-unified" -> GridParameters.deribitUnified();
      case "default" -> GridParameters.standard();
      default -> throw new InvalidInputException(path,
          "unknown grid preset '" + name + "' (expected deribit, deribit-unified or default)");
    };
  }

  /**
   * Reads a grid section.
   *
   * @param f  the section
   * @param haircuts  the collateral schedule of the file
   * @return the parameters
   */
  public static GridParameters read(Fields f, HaircutSchedule haircuts) {
    f.onlyKnown(FIELDS);
    GridParameters d = preset(f.text("preset", "default"), f.pathOf("preset"));
    MarginView view = d.view();
    if (f.has("view")) {
      view = switch (f.text("view")) {
        case "per_settlement_currency", "segregated" -> MarginView.PER_SETTLEMENT_CURRENCY;
        case "unified_usd", "unified" -> MarginView.UNIFIED_USD;
        default -> throw new InvalidInputException(f.pathOf("view"),
            "must be 'per_settlement_currency' or 'unified_usd', got '" + f.text("view") + "'");
      };
    }
    VolShockParameters vol = d.vol();
    if (f.has("vol")) {
      Fields v = f.object("vol").onlyKnown(VOL);
      try {
        vol = new VolShockParameters(v.number("up", vol.up()), v.number("down", vol.down()),
            v.number("short_power", vol.shortPower()), v.number("long_power", vol.longPower()),
            v.number("cutoff_days", vol.cutoffDays()), v.number("min_days", vol.minDays()),
            v.number("min_vol_up", vol.minVolUp()));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(f.pathOf(e.field()), e.reason(), e);
      }
    }
    List<Double> extended = d.extendedMoves();
    if (f.has("extended_moves")) {
      extended = new ArrayList<>();
      for (double m : f.numbers("extended_moves")) {
        extended.add(m);
      }
    }
    List<UnderlyingOffset> offsets = d.offsets();
    if (f.has("offsets")) {
      offsets = new ArrayList<>();
      for (Fields o : f.objects("offsets")) {
        o.onlyKnown(Set.of("first", "second", "credit"));
        try {
          offsets.add(new UnderlyingOffset(Asset.of(o.text("first")), Asset.of(o.text("second")),
              o.number("credit")));
        } catch (InvalidInputException e) {
          throw o.locate(e);
        }
      }
    }
    long steps = f.integer("steps_per_side", d.stepsPerSide());
    if (steps < 1 || steps > 100) {
      throw new InvalidInputException(f.pathOf("steps_per_side"), "must be in [1, 100], got " + steps);
    }
    try {
      return new GridParameters(f.has("preset") ? f.text("preset") : d.name(), view,
          f.number("price_range", d.priceRange()), (int) steps, vol, extended,
          f.number("extended_factor", d.extendedFactor()), f.number("annualised_move_risk", d.annualisedMoveRisk()),
          f.number("min_annualised_move", d.minAnnualisedMove()), f.number("max_delta_shock", d.maxDeltaShock()),
          f.number("delta_shock_threshold_usd", d.deltaShockThresholdUsd()),
          f.number("delta_shock_per_million", d.deltaShockPerMillion()),
          f.number("short_option_minimum", d.shortOptionMinimum()), offsets, f.number("im_factor", d.imFactor()),
          f.number("mm_factor", d.mmFactor()), haircuts);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(f.pathOf(e.field()), e.reason(), e);
    }
  }
}
