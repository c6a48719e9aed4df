package org.pmargin.data;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads CSV files with a header row into rows of named cells (Jackson's CSV parser); a {@code .gz} file is
 * decompressed on the fly ({@link DataFiles}).
 */
public final class CsvFiles {

  private static final CsvMapper MAPPER = CsvMapper.builder().build();

  private CsvFiles() {
  }

  /**
   * Reads every row of a CSV file that has a header row.
   *
   * @param file  the file
   * @return the rows, each a map from column name to cell text
   */
  public static List<Map<String, String>> read(Path file) {
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    try (MappingIterator<Map<String, String>> it = MAPPER.readerForMapOf(String.class).with(schema)
        .readValues(DataFiles.open(file))) {
      List<Map<String, String>> rows = new ArrayList<>();
      while (it.hasNext()) {
        rows.add(it.next());
      }
      return rows;
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("file", "no such file: " + file);
    } catch (IOException e) {
      throw new InvalidInputException("file", "cannot read " + file + ": " + e.getMessage(), e);
    } catch (JacksonException e) {
      throw new InvalidInputException("file", "malformed CSV in " + file + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * A numeric cell.
   *
   * @param row  the row
   * @param column  the column name
   * @param where  the file and row, for messages
   * @return the number
   */
  public static double number(Map<String, String> row, String column, String where) {
    String text = row.get(column);
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(column, "is empty in " + where);
    }
    try {
      double v = Double.parseDouble(text.trim());
      if (!Double.isFinite(v)) {
        throw new InvalidInputException(column, "must be finite in " + where + ", got " + text);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(column, "must be a number in " + where + ", got '" + text + "'");
    }
  }
}
