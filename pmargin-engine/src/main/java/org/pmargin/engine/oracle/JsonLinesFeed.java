package org.pmargin.engine.oracle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import org.pmargin.data.JsonErrors;

/**
 * Reads ticks from a JSON-lines stream (a file or stdin), one object per line:
 * {@code {"source":"deribit","underlying":"BTC","price":67000.5,"time":"2024-06-01T00:00:00Z"}}, with an optional
 * {@code "kind"} of {@code "index"} (the default) or {@code "perpetual"}. Blank lines are skipped. Lines must be in
 * non-decreasing time order, so that {@link #poll(Instant)} can stop at the first later line.
 *
 * <p>A bad line fails with an {@link InvalidInputException} naming the field under {@code line[N]}. Not
 * thread-safe; the caller closes the reader.
 */
public final class JsonLinesFeed implements PriceFeed {

  private static final Set<String> KNOWN = Set.of("source", "underlying", "price", "time", "kind");

  private final BufferedReader reader;
  private final String source;
  private PriceTick pending;
  private Instant lastTime;
  private int lineNo;
  private boolean eof;

  /**
   * Creates the feed.
   *
   * @param reader  the lines to read
   */
  public JsonLinesFeed(BufferedReader reader) {
    this(reader, "the tick stream");
  }

  /**
   * A feed reading ticks from a named stream, which errors name with the line and column.
   *
   * @param reader  the lines to read
   * @param source  the file or stream, for messages
   */
  public JsonLinesFeed(BufferedReader reader, String source) {
    this.reader = Checks.notNull(reader, "reader");
    this.source = Checks.notBlank(source, "source");
  }

  /**
   * Parses one line.
   *
   * @param line  the JSON object
   * @param path  the path to name in errors (e.g. {@code line[3]})
   * @return the tick
   */
  public static PriceTick parse(String line, String path) {
    return parse(line, path, "the tick stream", 1);
  }

  /**
   * Parses one line of a named stream; an error names the stream, the line and the column.
   *
   * @param line  the JSON object
   * @param path  the path to name in errors (e.g. {@code line[3]})
   * @param source  the file or stream, for messages
   * @param lineNumber  the line's number in the stream
   * @return the tick
   */
  public static PriceTick parse(String line, String path, String source, long lineNumber) {
    try {
      return parseFields(line, path, source, lineNumber);
    } catch (InvalidInputException e) {
      // Fields are named under the line's path (line[3].price); the text knows them without it.
      String field = e.field();
      String inLine = field.startsWith(path + ".") ? field.substring(path.length() + 1) : field;
      InvalidInputException located = JsonErrors.located(new InvalidInputException(inLine, e.reason(), e.getCause()),
          line, source, lineNumber);
      throw new InvalidInputException(field, located.reason(), e.getCause());
    }
  }

  private static PriceTick parseFields(String line, String path, String stream, long lineNumber) {
    try {
      Fields f = Fields.of(Json.parse(line, stream, lineNumber), path).onlyKnown(KNOWN);
      String kindText = f.text("kind", "index");
      PriceTick.Kind kind = switch (kindText.toLowerCase(Locale.ROOT)) {
        case "index" -> PriceTick.Kind.INDEX;
        case "perpetual" -> PriceTick.Kind.PERPETUAL;
        default -> throw new InvalidInputException(f.pathOf("kind"),
            "must be \"index\" or \"perpetual\", got '" + kindText + "'");
      };
      String source = f.text("source");
      Asset underlying = Asset.of(f.text("underlying"));
      double price = f.number("price");
      String timeText = f.text("time");
      Instant time;
      try {
        time = Instant.parse(timeText);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(f.pathOf("time"),
            "must be an ISO-8601 UTC time like 2024-06-01T00:00:00Z, got '" + timeText + "'");
      }
      try {
        return new PriceTick(source, underlying, kind, price, time);
      } catch (InvalidInputException e) {
        throw f.locate(e);
      }
    } catch (InvalidInputException e) {
      if (e.field().startsWith(path)) {
        throw e;
      }
      throw e.within(path);
    }
  }

  @Override
  public List<PriceTick> poll(Instant upTo) {
    Checks.notNull(upTo, "up_to");
    List<PriceTick> out = new ArrayList<>();
    while (true) {
      if (pending == null) {
        pending = readNext();
        if (pending == null) {
          return out;
        }
      }
      if (pending.timestamp().isAfter(upTo)) {
        return out;
      }
      out.add(pending);
      pending = null;
    }
  }

  @Override
  public boolean exhausted() {
    return eof && pending == null;
  }

  private PriceTick readNext() {
    while (!eof) {
      String line;
      try {
        line = reader.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the tick stream at line " + (lineNo + 1), e);
      }
      if (line == null) {
        eof = true;
        return null;
      }
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String path = "line[" + lineNo + "]";
      PriceTick t = parse(line, path, source, lineNo);
      if (lastTime != null && t.timestamp().isBefore(lastTime)) {
        throw new InvalidInputException(path + ".time", "goes back in time: " + t.timestamp() + " after "
            + lastTime);
      }
      lastTime = t.timestamp();
      return t;
    }
    return null;
  }
}
