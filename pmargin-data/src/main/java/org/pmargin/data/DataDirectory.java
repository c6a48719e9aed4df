package org.pmargin.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pmargin.core.validation.InvalidInputException;

/**
 * Locates the directory of historical market data (the layout of {@code shared/data/README.md}: {@code daily/},
 * {@code hourly/}, {@code options/}, {@code vol_index/}, ...). The data are never part of the project; the project
 * reads them from here.
 *
 * <p>Resolution order: an explicit path (command-line option), the environment variable {@value #ENV}, then
 * {@code ../shared/data} relative to the working directory, when it exists.
 */
public final class DataDirectory {

  /** The environment variable that names the data directory. */
  public static final String ENV = "PMARGIN_DATA_DIR";

  /** The default location, relative to the project root. */
  public static final Path DEFAULT = Path.of("..", "shared", "data");

  private DataDirectory() {
  }

  /**
   * Finds the data directory.
   *
   * @param explicit  a path given by the user, or null
   * @return the directory, or empty when none is configured and the default does not exist
   * @throws InvalidInputException naming {@code data_dir} when an explicitly configured path is not a directory
   */
  public static Optional<Path> find(Path explicit) {
    if (explicit != null) {
      return Optional.of(checked(explicit, "--data-dir"));
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Optional.of(checked(Path.of(env), ENV));
    }
    return Files.isDirectory(DEFAULT) ? Optional.of(DEFAULT.toAbsolutePath().normalize()) : Optional.empty();
  }

  private static Path checked(Path p, String source) {
    if (!Files.isDirectory(p)) {
      throw new InvalidInputException("data_dir", source + " names " + p + ", which is not a directory");
    }
    return p.toAbsolutePath().normalize();
  }
}
