package org.pmargin.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration of the project: strict parsing (duplicate keys are an error, NaN and Infinity are not
 * JSON), and every error reported as an {@link InvalidInputException} in the user's terms, with the file, line and
 * column it refers to ({@link JsonErrors}).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Json {

  /** The shared mapper. Jackson mappers are thread-safe once built. */
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private Json() {
  }

  /**
   * Parses a JSON text.
   *
   * @param text  the text
   * @return the tree
   * @throws InvalidInputException naming {@code json} when the text is not valid JSON
   */
  public static JsonNode parse(String text) {
    return parse(text, "input", 1);
  }

  /**
   * Parses a JSON text that comes from a named source, such as one line of a JSON-lines file.
   *
   * @param text  the text
   * @param source  the file or stream, for messages
   * @param firstLine  the line number of the text's first line in the source
   * @return the tree
   * @throws InvalidInputException naming {@code json}, the source, line and column, and what was expected, when
   *     the text is not valid JSON
   */
  public static JsonNode parse(String text, String source, long firstLine) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw JsonErrors.malformed(e, source, firstLine);
    }
    if (node == null || node.isMissingNode()) {
      throw new InvalidInputException("json", "empty input; expected a JSON object (in " + source + ")");
    }
    return node;
  }

  /**
   * Reads and parses a JSON file.
   *
   * @param file  the file
   * @return the tree
   * @throws InvalidInputException naming {@code file} when it cannot be read, or {@code json} when it is not JSON
   */
  public static JsonNode read(Path file) {
    return parse(text(file), file.toString(), 1);
  }

  /**
   * Reads a JSON file into a domain object; any error, the parser's or the reader's, names the file, the line and
   * the column it refers to.
   *
   * @param file  the file
   * @param reader  builds the object from the tree, naming a rejected field by its path
   * @param <T>  the object's type
   * @return the object
   * @throws InvalidInputException naming the field, with {@code (in FILE, line L, column C)}
   */
  public static <T> T read(Path file, Function<JsonNode, T> reader) {
    String text = text(file);
    JsonNode node = parse(text, file.toString(), 1);
    try {
      return reader.apply(node);
    } catch (InvalidInputException e) {
      throw JsonErrors.located(e, text, file.toString(), 1);
    }
  }

  private static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("file", "no such file: " + file);
    } catch (MalformedInputException e) {
      throw new InvalidInputException("file", file + " is not UTF-8 text", e);
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException("file", "cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
