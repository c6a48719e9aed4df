package org.pmargin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pmargin} command: the entry point of the command line, holding its subcommands.
 */
@Command(name = "pmargin", mixinStandardHelpOptions = true, versionProvider = PmarginCommand.Version.class,
    description = "Dynamic Portfolio Margin: a margin engine for crypto derivatives.",
    subcommands = {DemoCommand.class, PriceCommand.class, GreeksCommand.class, MarginCommand.class, CompareCommand.class, StressCommand.class, BacktestCommand.class, AdaptiveCommand.class, FetchCommand.class, EngineCommand.class, LiquidateCommand.class, CascadeCommand.class, BenchCommand.class, ServeCommand.class, StreamCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public final class PmarginCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line and exits with its code.
   *
   * @param args  the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  /** The configured picocli command line: one-line errors, documented exit codes. */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new PmarginCommand());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version the build wrote into {@code pmargin-version.properties}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = PmarginCommand.class.getResourceAsStream("/pmargin-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"pmargin " + p.getProperty("version", "unknown"),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
