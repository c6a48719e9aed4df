package org.pmargin.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Typed access to the fields of a JSON object, where every failure names the field by its full path
 * ({@code underlyings.BTC.index}) and says what was expected.
 */
public final class Fields {

  private final JsonNode node;
  private final String path;

  private Fields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /**
   * Wraps a node that must be a JSON object.
   *
   * @param node  the node
   * @param path  its path, empty at the top level
   * @return the accessor
   */
  public static Fields of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(path.isEmpty() ? "json" : path,
          "must be a JSON object, got " + describe(node));
    }
    return new Fields(node, path);
  }

  /** The path of a child field. */
  public String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The path of this object, empty at the top level. */
  public String path() {
    return path;
  }

  /**
   * Places an error raised while building a domain object from this JSON object under this object's path, unless
   * it already carries a path inside it.
   *
   * @param e  the error
   * @return the error with a full path
   */
  public InvalidInputException locate(InvalidInputException e) {
    if (path.isEmpty() || e.field().startsWith(path)) {
      return e;
    }
    return e.within(path);
  }

  /** The wrapped node. */
  public JsonNode node() {
    return node;
  }

  /** Fails when the object has a field outside the given set (a typo would otherwise be silently ignored). */
  public Fields onlyKnown(Set<String> known) {
    for (String name : node.propertyNames()) {
      if (!known.contains(name)) {
        throw new InvalidInputException(pathOf(name), "unknown field (expected one of " + known.stream().sorted()
            .toList() + ")");
      }
    }
    return this;
  }

  /** Whether the field is present and not null. */
  public boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  /** A required number. */
  public double number(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(pathOf(name), "is required");
    }
    return toNumber(v, pathOf(name));
  }

  /** An optional number with a default. */
  public double number(String name, double defaultValue) {
    return has(name) ? number(name) : defaultValue;
  }

  /** A required integer. */
  public long integer(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(pathOf(name), "is required");
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidInputException(pathOf(name), "must be an integer, got " + describe(v));
    }
    return v.asLong();
  }

  /** An optional integer with a default. */
  public long integer(String name, long defaultValue) {
    return has(name) ? integer(name) : defaultValue;
  }

  /** A required string. */
  public String text(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(pathOf(name), "is required");
    }
    if (!v.isString()) {
      throw new InvalidInputException(pathOf(name), "must be a string, got " + describe(v));
    }
    return v.stringValue();
  }

  /** An optional string with a default. */
  public String text(String name, String defaultValue) {
    return has(name) ? text(name) : defaultValue;
  }

  /**
   * A required instant: ISO-8601 with zone ({@code 2024-06-28T08:00:00Z}) or a date alone, read as 08:00 UTC
   * (the expiry time of Deribit's contracts).
   */
  public Instant instant(String name) {
    String s = text(name);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(s).atTime(DeribitSymbols.EXPIRY_HOUR_UTC, 0).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new InvalidInputException(pathOf(name),
            "must be an ISO-8601 UTC time like 2024-06-28T08:00:00Z or a date like 2024-06-28, got '" + s + "'");
      }
    }
  }

  /** A required object. */
  public Fields object(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(pathOf(name), "is required");
    }
    return of(v, pathOf(name));
  }

  /** A required array of objects. */
  public List<Fields> objects(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(pathOf(name), "is required");
    }
    if (!v.isArray()) {
      throw new InvalidInputException(pathOf(name), "must be an array, got " + describe(v));
    }
    List<Fields> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      out.add(of(v.get(i), pathOf(name) + "[" + i + "]"));
    }
    return out;
  }

  /** A required array of numbers. */
  public double[] numbers(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(pathOf(name), "is required");
    }
    if (!v.isArray()) {
      throw new InvalidInputException(pathOf(name), "must be an array of numbers, got " + describe(v));
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toNumber(v.get(i), pathOf(name) + "[" + i + "]");
    }
    return out;
  }

  private static double toNumber(JsonNode v, String path) {
    if (!v.isNumber()) {
      throw new InvalidInputException(path, "must be a number, got " + describe(v));
    }
    double d = v.asDouble();
    if (!Double.isFinite(d)) {
      throw new InvalidInputException(path, "must be a finite number, got " + v);
    }
    return d;
  }

  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    String s = v.toString();
    String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
  }
}
