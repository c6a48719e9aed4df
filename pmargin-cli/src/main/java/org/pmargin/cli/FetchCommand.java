package org.pmargin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.DataFiles;
import org.pmargin.data.history.BinanceKlines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin fetch}: downloads klines from Binance's public API into a data directory, in the layout the engine
 * reads ({@code hourly/SYMBOL_INTERVAL.csv}), so a user with internet access extends or rebuilds the history with
 * one command.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = {"Download klines from Binance's public API (no key needed) into DATA_DIR/hourly/SYMBOL_INTERVAL.csv,",
        "the layout the engine reads. Needs internet access."})
final class FetchCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--symbol", defaultValue = "BTCUSDT", paramLabel = "SYMBOL",
      description = "Binance symbol (default: ${DEFAULT-VALUE}).")
  private String symbol;

  @Option(names = "--interval", defaultValue = "1h", paramLabel = "INTERVAL",
      description = "Kline interval, e.g. 1h or 1d (default: ${DEFAULT-VALUE}).")
  private String interval;

  @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, e.g. 2025-12-01.")
  private LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "DATE", description = "End day, exclusive.")
  private LocalDate to;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where to write (default: $" + DataDirectory.ENV + ", else ./fetched-data; never the copy "
          + "shipped with pmargin, whose files are pinned by checksums).")
  private Path dataDir;

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir
        : Optional.ofNullable(System.getenv(DataDirectory.ENV)).filter(e -> !e.isBlank()).map(Path::of)
            .orElse(Path.of("fetched-data"));
    Optional<Path> shipped = DataDirectory.shipped();
    if (shipped.isPresent() && Files.isDirectory(dir)
        && Files.isSameFile(shipped.get(), dir.toAbsolutePath().normalize())) {
      throw new InvalidInputException("data_dir", dir + " is the copy shipped with pmargin, whose files are pinned "
          + "by checksums: fetch into another directory and pass it with --data-dir");
    }
    Path target = dir.resolve("hourly").resolve(symbol + "_" + interval + ".csv");
    if (Files.exists(DataFiles.resolve(target)) && !Files.exists(target)) {
      throw new InvalidInputException("data_dir", dir + " already has " + DataFiles.resolve(target)
          + ": fetch into another directory");
    }
    Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
    List<BinanceKlines.Kline> klines;
    try {
      klines = new BinanceKlines(BinanceKlines.Http.jdk()).fetch(symbol, interval, start, end, Instant.now());
    } catch (java.io.IOException e) {
      spec.commandLine().getErr().println("error: cannot fetch from Binance (" + BinanceKlines.ENDPOINT + "): "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return ExitCodes.UNAVAILABLE;
    }
    Path file = target;
    BinanceKlines.writeCsv(klines, file);
    spec.commandLine().getOut().println("wrote " + klines.size() + " bars to " + file);
    return ExitCodes.OK;
  }
}
