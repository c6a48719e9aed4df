package org.pmargin.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The files of a data directory, plain or gzip-compressed: {@code daily/BTC.csv} may be stored as
 * {@code daily/BTC.csv.gz} (as in the copy shipped with the project) and every reader sees the same rows. A file
 * present both ways is refused, since which one is meant would be a guess.
 */
public final class DataFiles {

  /** The suffix of a compressed file. */
  public static final String GZ = ".gz";

  private DataFiles() {
  }

  /**
   * The stored form of a file of the directory.
   *
   * @param dir  the data directory
   * @param relative  the file's name in its plain form, e.g. {@code daily/BTC.csv}
   * @return the plain file if it exists, else the compressed one if it exists, else the plain path (so that a
   *     "no such file" names the file as documented)
   * @throws InvalidInputException naming {@code data_dir} when both forms exist
   */
  public static Path resolve(Path dir, String relative) {
    return resolve(dir.resolve(relative));
  }

  /** {@link #resolve(Path, String)} of a path already resolved against its directory. */
  public static Path resolve(Path plain) {
    Path gz = plain.resolveSibling(plain.getFileName() + GZ);
    boolean hasPlain = Files.exists(plain);
    boolean hasGz = Files.exists(gz);
    if (hasPlain && hasGz) {
      throw new InvalidInputException("data_dir", "both " + plain + " and " + gz
          + " exist: keep one (the compressed copy is read the same way)");
    }
    return hasGz ? gz : plain;
  }

  /**
   * The files of a folder whose plain name ends with a suffix, plain or compressed, sorted by plain name.
   *
   * @param folder  the folder; none is an empty list
   * @param suffix  the plain names' ending, e.g. {@code .csv}
   * @return the stored files
   * @throws InvalidInputException naming {@code data_dir} when a file is present both ways or cannot be listed
   */
  public static List<Path> list(Path folder, String suffix) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> names;
    try (Stream<Path> s = Files.list(folder)) {
      names = s.filter(p -> plainName(p).endsWith(suffix)).sorted((a, b) -> plainName(a).compareTo(plainName(b)))
          .toList();
    } catch (IOException e) {
      throw new InvalidInputException("data_dir", "cannot list " + folder + ": " + e.getMessage(), e);
    }
    List<Path> out = new ArrayList<>(names.size());
    for (Path p : names) {
      if (!out.isEmpty() && plainName(out.get(out.size() - 1)).equals(plainName(p))) {
        throw new InvalidInputException("data_dir", "both " + out.get(out.size() - 1) + " and " + p
            + " exist: keep one (the compressed copy is read the same way)");
      }
      out.add(p);
    }
    return out;
  }

  /** A file's name without a {@code .gz} ending. */
  public static String plainName(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(GZ) ? n.substring(0, n.length() - GZ.length()) : n;
  }

  /**
   * Opens a file for reading, decompressing a {@code .gz} one.
   *
   * @param file  the stored file
   * @return its plain bytes
   * @throws IOException when it cannot be opened or its gzip header is bad
   */
  public static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    if (!file.getFileName().toString().endsWith(GZ)) {
      return in;
    }
    try {
      return new GZIPInputStream(in, 1 << 16);
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }
}
