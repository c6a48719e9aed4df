package org.pmargin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.core.validation.InvalidInputException;

/** Plain and gzip-compressed files of a data directory read alike; a file stored both ways is refused. */
class DataFilesTest {

  private static final String CSV = "date,close\n2024-01-01,42000.5\n2024-01-02,43000\n";

  @TempDir
  Path dir;

  @Test
  void shouldReadACompressedFileAsItsPlainForm() throws IOException {
    Files.createDirectories(dir.resolve("plain"));
    Files.createDirectories(dir.resolve("gz"));
    Files.writeString(dir.resolve("plain/BTC.csv"), CSV);
    gzip(dir.resolve("gz/BTC.csv.gz"), CSV);
    assertThat(CsvFiles.read(DataFiles.resolve(dir, "gz/BTC.csv")))
        .isEqualTo(CsvFiles.read(DataFiles.resolve(dir, "plain/BTC.csv"))).hasSize(2);
    assertThat(DataFiles.list(dir.resolve("gz"), ".csv")).extracting(DataFiles::plainName).containsExactly("BTC.csv");
  }

  @Test
  void shouldRefuseAFileStoredBothWays() throws IOException {
    Files.writeString(dir.resolve("BTC.csv"), CSV);
    gzip(dir.resolve("BTC.csv.gz"), CSV);
    assertThatThrownBy(() -> DataFiles.resolve(dir, "BTC.csv")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("data_dir").hasMessageContaining("BTC.csv.gz");
    assertThatThrownBy(() -> DataFiles.list(dir, ".csv")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("keep one");
  }

  @Test
  void shouldNameTheMissingFileInItsPlainForm() {
    assertThat(DataFiles.resolve(dir, "daily/ETH.csv")).isEqualTo(dir.resolve("daily/ETH.csv"));
    assertThatThrownBy(() -> CsvFiles.read(DataFiles.resolve(dir, "daily/ETH.csv")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such file").hasMessageContaining("ETH.csv");
  }

  @Test
  void shouldFindTheShippedCopyAndSayWhereADirectoryCameFrom() {
    Path shipped = DataDirectory.shipped().orElseThrow();
    assertThat(shipped.resolve("README.md")).isRegularFile();
    assertThat(DataDirectory.locate(dir).orElseThrow().origin()).isEqualTo(DataDirectory.Origin.OPTION);
    assertThat(DataDirectory.locate(dir).orElseThrow().describe()).contains(dir.toString(), "--data-dir");
    if (System.getenv(DataDirectory.ENV) == null) {
      DataDirectory.Location d = DataDirectory.locate(null).orElseThrow();
      assertThat(d.origin()).isEqualTo(DataDirectory.Origin.SHIPPED);
      assertThat(d.path()).isEqualTo(shipped);
      assertThat(d.describe()).contains("shipped");
    }
    assertThatThrownBy(() -> DataDirectory.locate(dir.resolve("none"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("data_dir");
  }

  private static void gzip(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
