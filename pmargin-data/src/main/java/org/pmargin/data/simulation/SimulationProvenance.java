package org.pmargin.data.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.history.HistoryWindow;
import org.pmargin.core.history.ProxiedVolIndex;
import org.pmargin.core.instrument.Asset;
import org.pmargin.data.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What history a simulation margin was built from, so an audit can see it: the history window and its cut-off,
 * the dates the scenario set spans, the horizon of each factor (class margin periods of risk), which factors
 * carry a vol factor and where it is a realised-vol proxy, and what the add-ons kept or cut.
 */
public final class SimulationProvenance {

  private final HistoryWindow window;
  private String scenarioSet = "";
  private int horizonDays;
  private boolean uniformHorizon;
  private final Map<Asset, Integer> horizonByFactor = new LinkedHashMap<>();
  private final Map<Asset, ProxiedVolIndex> volFactors = new LinkedHashMap<>();
  private final List<String> addOnNotes = new ArrayList<>();

  /** The provenance of a build over a window (filled in by {@link SimulationScenarios}). */
  public SimulationProvenance(HistoryWindow window) {
    this.window = window;
  }

  public HistoryWindow window() {
    return window;
  }

  void scenarioSet(String name) {
    this.scenarioSet = name;
  }

  void horizon(int days, boolean uniform, Map<Asset, Integer> byFactor) {
    this.horizonDays = days;
    this.uniformHorizon = uniform;
    horizonByFactor.clear();
    horizonByFactor.putAll(byFactor);
  }

  void volFactor(Asset asset, ProxiedVolIndex vol) {
    volFactors.put(asset, vol);
  }

  void addOnNote(String note) {
    addOnNotes.add(note);
  }

  /** "horizon 1 d; BTC 1 d, SOL 2 d by class", or "horizon 1 d for every class (--horizon-all-classes)". */
  public String horizonText() {
    if (uniformHorizon) {
      return "horizon " + horizonDays + " d for every class (--horizon-all-classes)";
    }
    List<String> parts = new ArrayList<>();
    horizonByFactor.forEach((a, d) -> parts.add(a + " " + d + " d"));
    return "horizon " + horizonDays + " d; " + String.join(", ", parts) + " by class";
  }

  /** The vol factors line: none, or each one's source and proxied dates. */
  public String volText() {
    if (volFactors.isEmpty()) {
      return "vol factors: none (the book holds no options: prices alone, over their longest common history)";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Asset, ProxiedVolIndex> e : volFactors.entrySet()) {
      ProxiedVolIndex v = e.getValue();
      String index = e.getKey() + " DVOL";
      parts.add(!v.proxied() ? index : index + " from " + v.levels().date(v.levels().indexOf(v.proxyTo()) + 1)
          + ", before it the proxy " + org.pmargin.data.NumberText.sig(v.beta(), 3) + " x d ln(" + ProxiedVolIndex.DEFAULT_RV_DAYS
          + "-day realised vol) " + v.proxyFrom() + ".." + v.proxyTo() + " (scaled on " + v.calibrationDays()
          + " common days)");
    }
    return "vol factors (options held): " + String.join("; ", parts);
  }

  /** The lines the text output prints under the margin. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("history window " + window.describe());
    out.add("scenarios: " + scenarioSet);
    out.add(horizonText());
    out.add(volText());
    out.addAll(addOnNotes);
    return out;
  }

  /** The margin JSON's {@code history} member (docs/FORMATS.md). */
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    if (window.from() == null) {
      o.putNull("from");
    } else {
      o.put("from", window.from().toString());
    }
    o.put("to", window.to().toString());
    o.put("cut_off", window.cutOff().toString());
    o.put("as_of", window.asOf().toString());
    o.put("scenario_set", scenarioSet);
    o.put("horizon_days", horizonDays);
    o.put("uniform_horizon", uniformHorizon);
    ObjectNode byFactor = o.putObject("horizon_days_by_factor");
    horizonByFactor.forEach((a, d) -> byFactor.put(a.code(), d));
    ArrayNode vols = o.putArray("vol_factors");
    for (Map.Entry<Asset, ProxiedVolIndex> e : volFactors.entrySet()) {
      ObjectNode v = vols.addObject();
      v.put("asset", e.getKey().code());
      v.put("index", e.getKey().code() + "DVOL");
      if (e.getValue().proxied()) {
        v.put("proxy_from", e.getValue().proxyFrom().toString());
        v.put("proxy_to", e.getValue().proxyTo().toString());
        v.put("proxy_beta", e.getValue().beta());
        v.put("proxy_calibration_days", e.getValue().calibrationDays());
      }
    }
    ArrayNode notes = o.putArray("add_ons");
    addOnNotes.forEach(notes::add);
    o.put("text", String.join("\n", lines()));
    return o;
  }
}
