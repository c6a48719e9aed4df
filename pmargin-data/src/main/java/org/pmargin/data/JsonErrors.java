package org.pmargin.data;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * The one place where JSON errors are put in the user's terms: a parser failure (Jackson's message, which names its
 * own internals and options) becomes what is wrong and what was expected, and any input error, the parser's or a
 * field's, gets the file (or stream), the line and the column it refers to: {@code collateral.USDC: must be a number,
 * got string "lots" (in book.json, line 2, column 18)}.
 *
 * <p>Lines and columns are 1-based. A field error points at the field's name in the text (or, when the field is
 * missing, at the innermost enclosing object that is there). This class is immutable and thread-safe.
 */
public final class JsonErrors {

  private static final Pattern UNEXPECTED_CHAR =
      Pattern.compile("Unexpected character \\((?:'(.*?)' )?\\(?(?:code (\\d+))?[^)]*\\)*:? ?(?:was expecting |expected )?(.*)",
          Pattern.DOTALL);
  private static final Pattern NON_STANDARD = Pattern.compile("Non-standard token '([^']*)'.*", Pattern.DOTALL);
  private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '([^']*)'.*", Pattern.DOTALL);
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object property|field) \"(.*)\".*",
      Pattern.DOTALL);
  private static final Pattern CLOSE_MARKER = Pattern.compile("Unexpected close marker '(.)': expected '(.)'.*",
      Pattern.DOTALL);

  private JsonErrors() {
  }

  /**
   * A parser failure as an input error naming the {@code json} field, in the user's terms, with its place.
   *
   * @param e  the parser's exception
   * @param source  the file or stream, for people
   * @param firstLine  the line number of the text's first line in the source (1 for a whole file)
   * @return the error
   */
  public static InvalidInputException malformed(JacksonException e, String source, long firstLine) {
    String raw = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    TokenStreamLocation loc = e.getLocation();
    long line = -1;
    long column = -1;
    if (loc != null && loc.getLineNr() > 0) {
      line = loc.getLineNr();
      column = loc.getColumnNr();
      Matcher token = NON_STANDARD.matcher(raw);
      if (token.matches() && column > token.group(1).length()) {
        column -= token.group(1).length(); // Jackson reports the end of the token; point at its start
      }
    }
    return new InvalidInputException("json", describe(raw) + where(source, firstLine, line, column), e);
  }

  /**
   * Adds to a field's error the place of that field in the text, unless it already names a place.
   *
   * @param e  the error, whose field is a path such as {@code positions[2].quantity}
   * @param text  the JSON text the error came from
   * @param source  the file or stream, for people
   * @param firstLine  the line number of the text's first line in the source
   * @return the error with {@code (in SOURCE, line L, column C)} appended
   */
  public static InvalidInputException located(InvalidInputException e, String text, String source, long firstLine) {
    if (e.getMessage().contains("(in " + source + ", line ")) {
      return e;
    }
    TokenStreamLocation loc = find(text, pointer(e.field()));
    long line = loc == null ? -1 : loc.getLineNr();
    long column = loc == null ? -1 : loc.getColumnNr();
    InvalidInputException out = new InvalidInputException(e.field(), e.reason() + where(source, firstLine, line, column),
        e.getCause());
    out.setStackTrace(e.getStackTrace());
    return out;
  }

  private static String where(String source, long firstLine, long line, long column) {
    if (line < 1) {
      return " (in " + source + ")";
    }
    return " (in " + source + ", line " + (firstLine - 1 + line) + ", column " + column + ")";
  }

  /** Jackson's message in the user's terms: what is wrong, then what was expected. */
  static String describe(String raw) {
    String m = raw.strip();
    Matcher x;
    if ((x = NON_STANDARD.matcher(m)).matches()) {
      return x.group(1) + " is not a JSON number; expected a finite number (NaN and Infinity are not JSON)";
    }
    if ((x = UNRECOGNIZED.matcher(m)).matches()) {
      return "unrecognized token '" + x.group(1) + "'; expected a value: a string in double quotes, a number, an "
          + "object, an array, true, false or null";
    }
    if ((x = DUPLICATE.matcher(m)).matches()) {
      return "field \"" + x.group(1) + "\" appears twice in the same object; expected each field once";
    }
    if ((x = CLOSE_MARKER.matcher(m)).matches()) {
      return "unexpected '" + x.group(1) + "'; expected '" + x.group(2) + "' to close the "
          + (x.group(2).equals("]") ? "array" : "object");
    }
    if (m.startsWith("Unexpected end-of-input")) {
      String expected = m.contains("Array") ? "']' to close an array"
          : m.contains("Object") || m.contains("object") ? "'}' to close an object"
          : m.contains("quote") || m.contains("VALUE_STRING") || m.contains("String") ? "'\"' to close a string"
          : "the rest of the document";
      return "the input ends before the JSON is complete; expected " + expected;
    }
    if (m.startsWith("Unexpected character")) {
      x = UNEXPECTED_CHAR.matcher(m);
      String what = x.matches() && x.group(1) != null ? "'" + printable(x.group(1), x.group(2)) + "'" : "character";
      String expected = x.matches() ? clean(x.group(3)) : "";
      return "unexpected " + what + (expected.isEmpty() ? "; expected valid JSON" : "; expected " + expected);
    }
    if (m.startsWith("Illegal unquoted character")) {
      return "a control character (such as a line break) inside a string; expected it escaped with a backslash, "
          + "e.g. \\n";
    }
    if (m.startsWith("Invalid numeric value") || m.startsWith("Invalid number")) {
      return "invalid number (" + clean(m.substring(m.indexOf(':') + 1)) + "); expected a JSON number such as 0.5";
    }
    String cleaned = clean(m);
    return (cleaned.isEmpty() ? "not valid JSON" : cleaned) + "; expected valid JSON";
  }

  /** Jackson's "was expecting" phrases, said in the user's terms. */
  private static final String[][] EXPECTED = {
      {"comma to separate Object entries", "',' between the object's fields, or '}' to close it"},
      {"comma to separate Array entries", "',' between the array's values, or ']' to close it"},
      {"double-quote to start field name", "a field name in double quotes"},
      {"a colon to separate field name and value", "':' after the field name"},
      {"a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
          "a value: a string in double quotes, a number, an object, an array, true, false or null"},
  };

  /** Drops Jackson's internals: source descriptions, feature names and advice, character codes. */
  private static String clean(String s) {
    for (String[] e : EXPECTED) {
      s = s.replace(e[0], e[1]);
    }
    String out = s.replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "")
        .replaceAll("\\s*\\[Source:.*?\\]", "")
        .replaceAll("\\s*\\(?[`'\"]?(?:StreamReadFeature|JsonReadFeature|JsonParser\\.Feature)\\.[A-Z_]+[`'\"]?"
            + "(?: disabled| enabled)?\\)?", "")
        .replaceAll(";?\\s*enable\\s+to allow", "")
        .replaceAll("\\s*\\(code \\d+\\)", "")
        .replaceAll("\\s+", " ").strip();
    if (out.endsWith(".")) {
      out = out.substring(0, out.length() - 1);
    }
    return out.isEmpty() ? out : out.substring(0, 1).toLowerCase(Locale.ROOT) + out.substring(1);
  }

  private static String printable(String ch, String code) {
    if (code != null) {
      int c = Integer.parseInt(code);
      if (c < 32) {
        return String.format(Locale.ROOT, "\\u%04x", c);
      }
    }
    return ch;
  }

  /** {@code positions[2].quantity} → {@code /positions/2/quantity}; empty for the document itself. */
  static String pointer(String field) {
    if (field == null || field.isEmpty() || field.equals("json")) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String part : field.split("\\.")) {
      int bracket = part.indexOf('[');
      String name = bracket < 0 ? part : part.substring(0, bracket);
      if (!name.isEmpty()) {
        sb.append('/').append(name.replace("~", "~0").replace("/", "~1"));
      }
      Matcher idx = Pattern.compile("\\[(\\d+)\\]").matcher(bracket < 0 ? "" : part.substring(bracket));
      while (idx.find()) {
        sb.append('/').append(idx.group(1));
      }
    }
    return sb.toString();
  }

  /**
   * The place of the field at a pointer: where its name (or, in an array, its value) starts; the innermost enclosing
   * field that exists when it does not; the document's start for the empty pointer; null if the text does not parse
   * that far.
   */
  private static TokenStreamLocation find(String text, String target) {
    TokenStreamLocation best = null;
    int bestLength = -1;
    try (JsonParser p = Json.MAPPER.createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          continue;
        }
        String at = pointerOf(p, t);
        if (at.equals(target)) {
          return p.currentTokenLocation();
        }
        if ((target.startsWith(at + "/") || at.isEmpty()) && at.length() > bestLength) {
          best = p.currentTokenLocation();
          bestLength = at.length();
        }
      }
    } catch (JacksonException e) {
      return best;
    }
    return best;
  }

  private static String pointerOf(JsonParser p, JsonToken t) {
    JsonPointer ptr = p.streamReadContext().pathAsPointer();
    String s = ptr.toString();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      // A container's own context has no segment yet; its path is its parent's.
      var parent = p.streamReadContext().getParent();
      s = parent == null ? "" : parent.pathAsPointer().toString();
    }
    return s;
  }
}
