package org.pmargin.data;

import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Perpetual;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Reads an instrument: either a Deribit-style symbol string (see {@link DeribitSymbols}) or an object that defines
 * it in full. Format: {@code docs/FORMATS.md}.
 */
public final class InstrumentJson {

  private static final Set<String> FIELDS = Set.of("type", "symbol", "underlying", "quote", "settlement",
      "contract_size", "tick_size", "expiry", "option_type", "strike");

  private InstrumentJson() {
  }

  /**
   * Reads an instrument.
   *
   * @param node  a string symbol or an object
   * @param path  the path of the node, for messages
   * @return the instrument
   */
  public static Instrument read(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      throw new InvalidInputException(path, "is required: a symbol such as \"BTC-PERPETUAL\" or an object");
    }
    try {
      if (node.isString()) {
        try {
          return DeribitSymbols.parse(node.stringValue());
        } catch (InvalidInputException e) {
          throw new InvalidInputException(path, e.reason(), e);
        }
      }
      Fields f = Fields.of(node, path).onlyKnown(FIELDS);
      String type = f.text("type");
      String symbol = f.text("symbol");
      Asset underlying = Asset.of(f.text("underlying"));
      Asset quote = Asset.of(f.text("quote", "USD"));
      return switch (type) {
        case "spot" -> new Spot(symbol, underlying, quote, f.number("tick_size", 0.01));
        case "perpetual" -> {
          Settlement s = Settlement.parse(f.text("settlement"), f.pathOf("settlement"));
          yield new Perpetual(symbol, underlying, quote, s, f.number("contract_size"), f.number("tick_size"));
        }
        case "future" -> {
          Settlement s = Settlement.parse(f.text("settlement"), f.pathOf("settlement"));
          yield new DatedFuture(symbol, underlying, quote, s, f.number("contract_size"), f.number("tick_size"),
              f.instant("expiry"));
        }
        case "option" -> {
          Settlement s = Settlement.parse(f.text("settlement"), f.pathOf("settlement"));
          OptionType ot = OptionType.parse(f.text("option_type"), f.pathOf("option_type"));
          yield new EuropeanOption(symbol, underlying, quote, s, ot, f.number("strike"), f.instant("expiry"),
              f.number("contract_size", 1.0), f.number("tick_size", 0.0001));
        }
        default -> throw new InvalidInputException(f.pathOf("type"),
            "must be 'spot', 'perpetual', 'future' or 'option', got '" + type + "'");
      };
    } catch (InvalidInputException e) {
      if (e.field().startsWith(path)) {
        throw e;
      }
      throw e.within(path);
    }
  }
}
