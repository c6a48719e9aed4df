package org.pmargin.server.service;

import org.pmargin.core.margin.MarginModel;
import org.pmargin.core.margin.MarginModels;
import org.pmargin.core.margin.RiskParameters;
import org.pmargin.data.Json;
import org.pmargin.data.RiskParametersJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The risk parameters in force, versioned: version 1 is the store's model with the shipped defaults, and each
 * accepted {@code parameters} event (an admin's change, docs/API.md) is the next version. Derived from the log
 * alone (the live sequencer and the replay both feed it every applied event), so a recovery gets the same version.
 *
 * @param version  1, 2, … (one per accepted change)
 * @param model  the model name ({@link MarginModels#NAMES})
 * @param document  the risk-parameter document (docs/FORMATS.md, "Risk parameters")
 * @param sequence  the event that set them, 0 for the store's initial ones
 * @param parameters  the document, read
 */
public record ServiceParameters(long version, String model, ObjectNode document, long sequence,
    RiskParameters parameters) {

  /** The initial parameters of a store: its model and the shipped defaults. */
  public static ServiceParameters initial(ServiceSettings settings) {
    ObjectNode doc = Json.MAPPER.createObjectNode().put("version", 1);
    return new ServiceParameters(1, settings.model(), doc, 0, RiskParameters.defaults());
  }

  /**
   * The parameters after an applied event: the next version when it is an accepted {@code parameters} event, else
   * these.
   *
   * @param payload  the event's canonical JSON
   * @param answer  its answer
   * @return the parameters in force after it
   */
  public ServiceParameters after(String payload, JsonNode answer) {
    if (!answer.get("type").stringValue().equals("parameters") || !answer.get("accepted").asBoolean()) {
      return this;
    }
    JsonNode p = Json.parse(payload);
    ObjectNode doc = (ObjectNode) p.get("parameters");
    return new ServiceParameters(version + 1, p.get("model").stringValue(), doc, answer.get("sequence").asLong(),
        RiskParametersJson.read(doc));
  }

  /** A model under these parameters. */
  public MarginModel model(String name) {
    return MarginModels.byName(name, parameters);
  }

  /** As JSON (for a snapshot row): version, model, document and the event that set them. */
  public String toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("version", version).put("model", model).put("sequence", sequence);
    n.set("document", document);
    return Canonical.write(n);
  }

  /**
   * Reads {@link #toJson()}: the store's initial parameters when set by no event, else the document read again.
   *
   * @param json  the JSON
   * @param settings  the store's settings
   * @return the parameters
   */
  public static ServiceParameters fromJson(String json, ServiceSettings settings) {
    JsonNode n = Json.parse(json);
    if (n.get("sequence").asLong() == 0) {
      return initial(settings);
    }
    ObjectNode doc = (ObjectNode) n.get("document");
    return new ServiceParameters(n.get("version").asLong(), n.get("model").stringValue(), doc,
        n.get("sequence").asLong(), RiskParametersJson.read(doc));
  }
}
