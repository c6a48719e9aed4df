package org.pmargin.data.pricecase;

import java.util.OptionalDouble;
import java.util.Set;
import org.pmargin.core.instrument.OptionType;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a price case from one JSON line and writes its result or its error as one JSON line (format in
 * {@code docs/FORMATS.md}, section "Price cases").
 */
public final class PriceCaseJson {

  private static final Set<String> FIELDS = Set.of("id", "model", "type", "forward", "spot", "strike", "vol",
      "price", "expiry_years", "rate", "dividend_yield", "settlement", "index");

  private PriceCaseJson() {
  }

  /**
   * Parses one case.
   *
   * @param line  one line of JSON
   * @return the case
   * @throws InvalidInputException naming the field at fault
   */
  public static PriceCase parse(String line) {
    return parse(Json.parse(line));
  }

  /** Parses one case from a parsed object. */
  public static PriceCase parse(JsonNode node) {
    Fields f = Fields.of(node, "").onlyKnown(FIELDS);
    String id = idOf(node);
    PriceModel model = PriceModel.parse(f.text("model", "black76"));
    OptionType type = OptionType.parse(f.text("type"), "type");
    double underlying;
    double dividendYield = 0;
    if (model == PriceModel.BLACK_76) {
      if (f.has("spot")) {
        throw new InvalidInputException("spot", "black76 takes 'forward', not 'spot' (use model black-scholes)");
      }
      if (f.has("dividend_yield")) {
        throw new InvalidInputException("dividend_yield", "only applies to model black-scholes");
      }
      underlying = f.number("forward");
    } else {
      if (f.has("forward")) {
        throw new InvalidInputException("forward", "black-scholes takes 'spot', not 'forward' (use model black76)");
      }
      underlying = f.number("spot");
      dividendYield = f.number("dividend_yield", 0.0);
    }
    double strike = f.number("strike");
    double expiry = f.number("expiry_years");
    double rate = f.number("rate", 0.0);
    OptionalDouble vol = f.has("vol") ? OptionalDouble.of(f.number("vol")) : OptionalDouble.empty();
    OptionalDouble price = f.has("price") ? OptionalDouble.of(f.number("price")) : OptionalDouble.empty();
    Settlement settlement = Settlement.parse(f.text("settlement", "usd"), "settlement");
    boolean coin = settlement == Settlement.INVERSE;
    if (!coin && f.has("index")) {
      throw new InvalidInputException("index", "only applies to \"settlement\": \"coin\"");
    }
    double index = 1.0;
    if (coin) {
      double forward = model == PriceModel.BLACK_76 ? underlying
          : underlying * Math.exp((rate - dividendYield) * expiry);
      index = f.number("index", forward);
    }
    return new PriceCase(id, model, type, underlying, strike, expiry, vol, price, rate, dividendYield, coin, index);
  }

  /**
   * Writes a result as a JSON object.
   *
   * @param line  the 1-based input line number
   * @param r  the result
   * @return the object
   */
  public static ObjectNode write(long line, PriceResult r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("line", line);
    if (r.input().id() != null) {
      o.put("id", r.input().id());
    }
    o.put("model", r.input().model().label());
    o.put("type", r.input().type().name().toLowerCase(java.util.Locale.ROOT));
    o.put("settlement", r.input().coinSettled() ? "coin" : "usd");
    if (r.input().price().isPresent()) {
      o.put("implied_vol", r.impliedVol());
    }
    o.put("price", r.greeks().price());
    if (r.input().coinSettled()) {
      o.put("price_usd", r.usd().price());
    }
    o.put("delta", r.greeks().delta());
    o.put("gamma", r.greeks().gamma());
    o.put("vega", r.greeks().vega());
    o.put("theta", r.greeks().theta());
    o.put("vanna", r.greeks().vanna());
    o.put("volga", r.greeks().volga());
    o.put("rho", r.rates().rho());
    if (r.input().model() == PriceModel.BLACK_SCHOLES) {
      o.put("dividend_rho", r.rates().dividendRho());
    }
    if (r.input().coinSettled()) {
      o.put("settlement_delta", r.settlementDelta());
    }
    return o;
  }

  /**
   * Writes an error for one line.
   *
   * @param line  the 1-based input line number
   * @param id  the case's id if it could be read, else null
   * @param e  the error
   * @return the object
   */
  public static ObjectNode writeError(long line, String id, InvalidInputException e) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("line", line);
    if (id != null) {
      o.put("id", id);
    }
    ObjectNode err = o.putObject("error");
    err.put("field", e.field());
    err.put("message", e.reason());
    return o;
  }

  /** The {@code id} of a case if the line is an object with a string or number id, else null. */
  public static String idOf(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode id = node.get("id");
    if (id == null || id.isNull() || id.isContainer()) {
      return null;
    }
    return id.asString();
  }
}
