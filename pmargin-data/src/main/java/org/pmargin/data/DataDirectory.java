package org.pmargin.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Locates the directory of historical market data ({@code daily/}, {@code hourly/}, {@code options/},
 * {@code vol_index/}, ..., plain or gzip-compressed CSV, see {@code data/README.md}).
 *
 * <p>Resolution order: an explicit path (a command-line option), the environment variable {@value #ENV}, then the
 * compact copy shipped with the project ({@link #SHIPPED_FOLDER} at the project's root, found from where this
 * class was loaded: the project's jar or build output). Every output that uses the data says which one it read
 * ({@link Location#describe()}).
 */
public final class DataDirectory {

  /** The environment variable that names the data directory. */
  public static final String ENV = "PMARGIN_DATA_DIR";

  /** The shipped copy's folder, relative to the project root. */
  public static final String SHIPPED_FOLDER = "data";

  /** A file every shipped copy has, so that an unrelated {@code data} folder is never taken for it. */
  static final String SHIPPED_MARKER = "stress_events.csv";

  /** Where a data directory came from. */
  public enum Origin {
    /** A path given on the command line or by the caller. */
    OPTION,
    /** The environment variable {@value DataDirectory#ENV}. */
    ENVIRONMENT,
    /** The copy shipped with the project. */
    SHIPPED
  }

  /**
   * A data directory and where it came from.
   *
   * @param path  the directory, absolute and normalised
   * @param origin  how it was chosen
   */
  public record Location(Path path, Origin origin) {

    /** One line for outputs: the directory and why it was chosen. */
    public String describe() {
      return path + switch (origin) {
        case OPTION -> " (--data-dir)";
        case ENVIRONMENT -> " ($" + ENV + ")";
        case SHIPPED -> " (the copy shipped with pmargin; --data-dir or $" + ENV + " for a larger one)";
      };
    }
  }

  private DataDirectory() {
  }

  /**
   * Finds the data directory.
   *
   * @param explicit  a path given by the user, or null
   * @return the directory, or empty when none is configured and the shipped copy cannot be found
   * @throws InvalidInputException naming {@code data_dir} when an explicitly configured path is not a directory
   */
  public static Optional<Path> find(Path explicit) {
    return locate(explicit).map(Location::path);
  }

  /**
   * Finds the data directory and says where it came from.
   *
   * @param explicit  a path given by the user, or null
   * @return the location, or empty when none is configured and the shipped copy cannot be found
   * @throws InvalidInputException naming {@code data_dir} when an explicitly configured path is not a directory
   */
  public static Optional<Location> locate(Path explicit) {
    if (explicit != null) {
      return Optional.of(new Location(checked(explicit, "--data-dir"), Origin.OPTION));
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Optional.of(new Location(checked(Path.of(env), "$" + ENV), Origin.ENVIRONMENT));
    }
    return shipped().map(p -> new Location(p, Origin.SHIPPED));
  }

  /**
   * The copy shipped with the project: the {@value #SHIPPED_FOLDER} folder of the first directory above this
   * class's jar or build output that has one with {@value #SHIPPED_MARKER} in it.
   *
   * @return the directory, or empty when this code runs outside a checkout of the project
   */
  public static Optional<Path> shipped() {
    Path start = codeLocation();
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve(SHIPPED_FOLDER);
      if (Files.isRegularFile(candidate.resolve(SHIPPED_MARKER))) {
        return Optional.of(candidate.toAbsolutePath().normalize());
      }
    }
    return Optional.empty();
  }

  /** The message for a caller that needs data and found none. */
  public static String notFoundMessage() {
    return "no data directory: pass --data-dir DIR or set $" + ENV + " (the copy shipped with pmargin, "
        + SHIPPED_FOLDER + "/ at the project's root, was not found above " + codeLocation() + ")";
  }

  private static Path codeLocation() {
    try {
      CodeSource src = DataDirectory.class.getProtectionDomain().getCodeSource();
      return src == null ? null : Path.of(src.getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null;
    }
  }

  private static Path checked(Path p, String source) {
    if (!Files.isDirectory(p)) {
      throw new InvalidInputException("data_dir", source + " names " + p + ", which is not a directory");
    }
    return p.toAbsolutePath().normalize();
  }
}
