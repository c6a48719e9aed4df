package org.pmargin.server.service;

import java.util.Locale;
import java.util.Set;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import org.pmargin.data.MarketSnapshotJson;
import org.pmargin.engine.book.EngineConfig;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.guard.PriceBand;
import org.pmargin.engine.guard.PriceBandMode;
import org.pmargin.engine.liquidation.LiquidationConfig;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a store was initialised with, and so what every engine rebuilt from it starts from: the margin model, the
 * initial market snapshot (its JSON text, docs/FORMATS.md), the price-band mode and whether the engine liquidates.
 * Kept in the store ({@code store_meta}), so a recovery never depends on the command line it was started with.
 *
 * @param model  the model name ({@link Models#NAMES})
 * @param marketJson  the initial market snapshot, JSON
 * @param priceBand  {@code refuse}, {@code flag} or {@code off}
 * @param liquidation  whether the engine liquidates accounts below maintenance margin after each event
 */
public record ServiceSettings(String model, String marketJson, String priceBand, boolean liquidation) {

  /** The settings' format version, written with them. */
  public static final int VERSION = 1;

  /** Validates the fields. */
  public ServiceSettings {
    org.pmargin.core.margin.MarginModels.byName(Checks.notBlank(model, "model"),
        org.pmargin.core.margin.RiskParameters.defaults());
    Checks.notBlank(marketJson, "market");
    mode(Checks.notBlank(priceBand, "price_band_mode"));
  }

  /** The initial market snapshot. */
  public MarketSnapshot market() {
    return MarketSnapshotJson.read(Json.parse(marketJson, "the store's initial market", 1));
  }

  /**
   * A new engine at the start of the log (no event applied). It margins the accounts a price update moves on as
   * many threads as the machine has cores (at most 8): a tick over 100,000 accounts is the service's longest
   * event, and the results do not depend on the thread count. Vectors are kept per market time ({@link
   * EngineConfig#withVectorsPerMarketTime}), so the engine's state can be exported to a snapshot and a restored
   * engine goes on bit for bit.
   *
   * @return the engine
   */
  public MarginEngine newEngine() {
    return new MarginEngine(org.pmargin.core.margin.MarginModels.byName(model,
        org.pmargin.core.margin.RiskParameters.defaults()), market(), engineConfig());
  }

  /**
   * An engine restored from a snapshot's state.
   *
   * @param state  the exported state
   * @param parameters  the risk parameters in force at the snapshot
   * @return the engine
   * @throws IllegalArgumentException when the state does not fit (format, model)
   */
  public MarginEngine restore(org.pmargin.engine.book.EngineState state, ServiceParameters parameters) {
    return MarginEngine.restore(state, parameters.model(parameters.model()), engineConfig());
  }

  private EngineConfig engineConfig() {
    return EngineConfig.defaults().withThreads(Math.max(1, Math.min(8,
        Runtime.getRuntime().availableProcessors()))).withPriceBand(PriceBand.defaults()
        .withMode(mode(priceBand))).withLiquidation(liquidation ? LiquidationConfig.defaults()
        : LiquidationConfig.off()).withVectorsPerMarketTime(true);
  }

  private static PriceBandMode mode(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "refuse" -> PriceBandMode.REFUSE;
      case "flag" -> PriceBandMode.FLAG;
      case "off" -> PriceBandMode.OFF;
      default -> throw new InvalidInputException("price_band_mode", "must be refuse, flag or off, got '" + value
          + "'");
    };
  }

  /** The settings as canonical JSON. */
  public String toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("version", VERSION);
    n.put("model", model);
    n.put("price_band_mode", priceBand);
    n.put("liquidation", liquidation);
    n.set("market", Json.parse(marketJson));
    return Canonical.write(n);
  }

  /** Reads settings written by {@link #toJson()}. */
  public static ServiceSettings fromJson(String json) {
    Fields f = Fields.of(Json.parse(json, "the store's settings", 1), "settings")
        .onlyKnown(Set.of("version", "model", "price_band_mode", "liquidation", "market"));
    if (f.integer("version") != VERSION) {
      throw new InvalidInputException("settings.version", "must be " + VERSION + ", got " + f.integer("version"));
    }
    return new ServiceSettings(f.text("model"), Json.MAPPER.writeValueAsString(f.node().get("market")),
        f.text("price_band_mode"), f.node().get("liquidation").asBoolean());
  }
}
