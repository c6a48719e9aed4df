package org.pmargin.data;

import java.nio.file.Path;
import java.util.Set;
import org.pmargin.core.collateral.HaircutSchedule;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.core.margin.derive.DeriveParameters;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.sensitivity.SensitivityParameters;
import org.pmargin.core.margin.simulation.SimulationConfig;
import org.pmargin.core.margin.standard.StandardMarginParameters;
import tools.jackson.databind.JsonNode;

/**
 * Reads a risk-parameter file (format version 1, {@code docs/FORMATS.md}): every section optional, each starting
 * from a named preset and overriding any field; unknown keys and out-of-range values are errors naming the field.
 */
public final class RiskParametersJson {

  private static final Set<String> TOP = Set.of("version", "description", "collateral", "grid", "standard", "derive",
      "sensitivity", "simulation");

  private RiskParametersJson() {
  }

  /** Reads a file. */
  public static RiskParameters read(Path file) {
    return Json.read(file, RiskParametersJson::read);
  }

  /** Reads a parsed document. */
  public static RiskParameters read(JsonNode root) {
    Fields doc = Fields.of(root, "").onlyKnown(TOP);
    FormatVersion.check(doc, "risk parameters");
    HaircutSchedule collateral = doc.has("collateral") ? HaircutScheduleJson.read(doc.object("collateral"))
        : HaircutSchedule.standard();
    GridParameters grid = doc.has("grid") ? GridParametersJson.read(doc.object("grid"), collateral)
        : GridParameters.standard().toBuilder().haircuts(collateral).build();
    StandardMarginParameters standard = doc.has("standard") ? StandardParametersJson.read(doc.object("standard"))
        : StandardMarginParameters.deribit();
    DeriveParameters derive = doc.has("derive") ? DeriveParametersJson.read(doc.object("derive"))
        : DeriveParameters.mainnet();
    SensitivityParameters sensitivity = doc.has("sensitivity")
        ? SensitivityParametersJson.read(doc.object("sensitivity")) : SensitivityParameters.standard();
    SimulationConfig simulation = doc.has("simulation")
        ? SimulationConfigJson.read(doc.object("simulation"), collateral)
        : SimulationConfig.standard().withHaircuts(collateral);
    return new RiskParameters(collateral, grid, standard, derive, sensitivity, simulation);
  }
}
