package org.pmargin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;

/**
 * The example files shipped inside the jar (copied from the repository's {@code examples/} directory).
 */
final class Examples {

  /** The market snapshot the demo uses. */
  static final String MARKET = "market/deribit-2024-06-17.json";

  /** The example accounts, in the order the demo shows them. */
  static final List<String> PORTFOLIOS = List.of("portfolios/covered-call.json", "portfolios/basis-trade.json",
      "portfolios/hedged-short-straddle.json", "portfolios/multi-asset-usdc.json");

  /** The standard strategies of {@code pmargin compare}, in the order of the table. */
  static final List<String> STRATEGIES = List.of("naked-long-perp", "naked-short-perp", "basis-trade",
      "calendar-spread", "coin-margined-hedge", "covered-call", "protective-put", "long-straddle", "short-straddle",
      "long-strangle", "short-strangle", "risk-reversal", "butterfly", "delta-neutral-short-vol", "btc-eth-pair");

  /** The option price cases. */
  static final String PRICE_CASES = "price/cases.jsonl";

  private Examples() {
  }

  /** A shipped example as a JSON tree. */
  static JsonNode json(String name) {
    return Json.parse(text(name));
  }

  /** A shipped example's text. */
  static String text(String name) {
    try (InputStream in = Examples.class.getResourceAsStream("/examples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("example " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
