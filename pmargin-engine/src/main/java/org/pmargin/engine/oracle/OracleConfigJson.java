package org.pmargin.engine.oracle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.FormatVersion;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes an oracle-config file (format version 1, {@code docs/FORMATS.md}, section "Oracle config"): the
 * guards of {@link OracleConfig} at the top level, each optional and defaulting to {@link OracleConfig#defaults()},
 * and under {@code by_underlying} the guards of particular underlyings, each optional and defaulting to the file's
 * top-level guards. Durations are JSON numbers of seconds, to the millisecond ({@code 0.25} is 250 ms).
 *
 * <p>Strict like every format of the project: an unknown field, a wrong type or a value out of range is an
 * {@link InvalidInputException} naming the field by its path ({@code by_underlying.ETH.max_move}).
 */
public final class OracleConfigJson {

  /** The field names of a set of guards, at the top level and under {@code by_underlying}. */
  private static final Set<String> GUARDS = Set.of("staleness_seconds", "staleness_by_source", "max_deviation",
      "min_sources", "max_move", "jump_confirmations", "basis_smoothing");
  private static final Set<String> TOP = Stream.concat(GUARDS.stream(),
      Stream.of("version", "description", "by_underlying")).collect(Collectors.toUnmodifiableSet());

  /** The largest duration accepted, in seconds (about 31 years): far beyond any use, and no overflow. */
  static final double MAX_SECONDS = 1e9;

  private OracleConfigJson() {
  }

  /** Reads a file. */
  public static OracleSettings read(Path file) {
    return Json.read(file, OracleConfigJson::read);
  }

  /** Reads a parsed document. */
  public static OracleSettings read(JsonNode root) {
    Fields doc = Fields.of(root, "").onlyKnown(TOP);
    FormatVersion.check(doc, "oracle config");
    if (doc.has("description")) {
      doc.text("description");
    }
    OracleConfig defaults = guards(doc, OracleConfig.defaults());
    Map<Asset, OracleConfig> byUnderlying = new HashMap<>();
    if (doc.has("by_underlying")) {
      Fields all = doc.object("by_underlying");
      for (String name : all.node().propertyNames()) {
        if (name.isBlank()) {
          throw new InvalidInputException(all.path(), "an underlying code must not be blank");
        }
        String path = all.pathOf(name);
        Asset underlying;
        try {
          underlying = Asset.of(name);
        } catch (InvalidInputException e) {
          throw new InvalidInputException(path, e.reason(), e);
        }
        if (byUnderlying.containsKey(underlying)) {
          throw new InvalidInputException(path, "a second entry for " + underlying);
        }
        byUnderlying.put(underlying, guards(all.object(name).onlyKnown(GUARDS), defaults));
      }
    }
    return new OracleSettings(defaults, byUnderlying);
  }

  /**
   * Writes settings as a version-1 document: every guard at the top level, and under {@code by_underlying} only
   * the guards that differ from the top level, so that {@link #read(JsonNode)} gives the settings back.
   *
   * @param settings  the settings
   * @return the document
   * @throws InvalidInputException naming the duration that is not a whole number of milliseconds (the format
   *     cannot hold it)
   */
  public static ObjectNode write(OracleSettings settings) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("version", FormatVersion.CURRENT);
    writeGuards(o, settings.defaults(), null, "");
    if (!settings.byUnderlying().isEmpty()) {
      ObjectNode all = o.putObject("by_underlying");
      for (Map.Entry<Asset, OracleConfig> e : new TreeMap<>(settings.byUnderlying()).entrySet()) {
        writeGuards(all.putObject(e.getKey().code()), e.getValue(), settings.defaults(),
            "by_underlying." + e.getKey().code() + ".");
      }
    }
    return o;
  }

  /** A set of guards: the fields {@code f} gives, the others from {@code base}. */
  private static OracleConfig guards(Fields f, OracleConfig base) {
    Duration staleness = f.has("staleness_seconds") ? seconds(f, "staleness_seconds") : base.staleness();
    Map<String, Duration> bySource = base.stalenessBySource();
    if (f.has("staleness_by_source")) {
      Fields sources = f.object("staleness_by_source");
      bySource = new HashMap<>();
      for (String source : sources.node().propertyNames()) {
        if (source.isBlank()) {
          throw new InvalidInputException(sources.path(), "a source id must not be blank");
        }
        bySource.put(source, seconds(sources, source));
      }
    }
    double maxDeviation = f.number("max_deviation", base.maxDeviation());
    int minSources = count(f, "min_sources", base.minSources());
    double maxMove = f.number("max_move", base.maxMove());
    int jumpConfirmations = count(f, "jump_confirmations", base.jumpConfirmations());
    double basisSmoothing = f.number("basis_smoothing", base.basisSmoothing());
    try {
      return new OracleConfig(staleness, bySource, maxDeviation, minSources, maxMove, jumpConfirmations,
          basisSmoothing);
    } catch (InvalidInputException e) {
      throw f.locate(e);
    }
  }

  /** A duration in seconds, &gt; 0, at most {@link #MAX_SECONDS}, a whole number of milliseconds. */
  private static Duration seconds(Fields f, String name) {
    double s = f.number(name);
    if (!(s > 0) || s > MAX_SECONDS) {
      throw new InvalidInputException(f.pathOf(name), "must be a number of seconds in (0, " + (long) MAX_SECONDS
          + "], got " + s);
    }
    // A decimal with at most 3 places parses to the double nearest to it, which is exactly whole / 1000.0.
    long whole = Math.round(s * 1000);
    if (whole == 0 || whole / 1000.0 != s) {
      throw new InvalidInputException(f.pathOf(name), "must be a whole number of milliseconds, got " + s + " s");
    }
    return Duration.ofMillis(whole);
  }

  private static int count(Fields f, String name, int defaultValue) {
    long v = f.integer(name, defaultValue);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new InvalidInputException(f.pathOf(name), "out of range, got " + v);
    }
    return (int) v;
  }

  private static void writeGuards(ObjectNode o, OracleConfig c, OracleConfig base, String path) {
    if (base == null || !c.staleness().equals(base.staleness())) {
      putSeconds(o, "staleness_seconds", c.staleness(), path + "staleness_seconds");
    }
    if (base == null || !c.stalenessBySource().equals(base.stalenessBySource())) {
      ObjectNode sources = o.putObject("staleness_by_source");
      for (Map.Entry<String, Duration> e : new TreeMap<>(c.stalenessBySource()).entrySet()) {
        putSeconds(sources, e.getKey(), e.getValue(), path + "staleness_by_source." + e.getKey());
      }
    }
    if (base == null || c.maxDeviation() != base.maxDeviation()) {
      o.put("max_deviation", c.maxDeviation());
    }
    if (base == null || c.minSources() != base.minSources()) {
      o.put("min_sources", c.minSources());
    }
    if (base == null || c.maxMove() != base.maxMove()) {
      o.put("max_move", c.maxMove());
    }
    if (base == null || c.jumpConfirmations() != base.jumpConfirmations()) {
      o.put("jump_confirmations", c.jumpConfirmations());
    }
    if (base == null || c.basisSmoothing() != base.basisSmoothing()) {
      o.put("basis_smoothing", c.basisSmoothing());
    }
  }

  private static void putSeconds(ObjectNode o, String name, Duration d, String path) {
    long millis;
    try {
      millis = d.toMillis();
    } catch (ArithmeticException e) {
      throw new InvalidInputException(path, "too long to write: " + d, e);
    }
    if (!d.equals(Duration.ofMillis(millis)) || millis > MAX_SECONDS * 1000) {
      throw new InvalidInputException(path, "must be a whole number of milliseconds of at most "
          + (long) MAX_SECONDS + " s to be written, got " + d);
    }
    if (millis % 1000 == 0) {
      o.put(name, millis / 1000);
    } else {
      o.put(name, millis / 1000.0);
    }
  }
}
