package org.pmargin.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration of the project: strict parsing (duplicate keys are an error, NaN and Infinity are not
 * JSON) and malformed input reported as an {@link InvalidInputException} with its line and column.
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
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new InvalidInputException("json", "empty input");
      }
      return node;
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  /**
   * Reads and parses a JSON file.
   *
   * @param file  the file
   * @return the tree
   * @throws InvalidInputException naming {@code file} when it cannot be read, or {@code json} when it is not JSON
   */
  public static JsonNode read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      JsonNode node = MAPPER.readTree(in);
      if (node == null || node.isMissingNode()) {
        throw new InvalidInputException("json", "empty file " + file);
      }
      return node;
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("file", "no such file: " + file);
    } catch (IOException e) {
      throw new InvalidInputException("file", "cannot read " + file + ": " + e.getMessage(), e);
    } catch (JacksonException e) {
      throw malformed(e);
    } catch (UncheckedIOException e) {
      throw new InvalidInputException("file", "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static InvalidInputException malformed(JacksonException e) {
    TokenStreamLocation loc = e.getLocation();
    String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return new InvalidInputException("json", "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
  }
}
