package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every help screen renders without picocli's "Could not format" warning (a bare {@code %} in a description is
 * read as a format conversion and must be written {@code %%}).
 *
 * <p>picocli's tracer writes to the {@link System#err} it saw when it was first used, so the help screens are
 * rendered in a fresh JVM ({@link #main}) whose whole output is checked.
 */
class HelpFormattingTest {

  @Test
  void shouldRenderTheHelpOfEveryCommandWithoutAFormatWarning() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        HelpFormattingTest.class.getName()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    // The child ran the top-level help and each subcommand's (the list is the command line's own).
    for (String command : commands()) {
      assertThat(output).contains("=== pmargin " + command + " --help: exit 0");
    }
    assertThat(commands()).contains("", "backtest", "greeks", "margin", "stress", "compare", "price");
    assertThat(output).doesNotContain("Could not format").doesNotContain("[picocli WARN]");
  }

  /** The command paths: "" for {@code pmargin} itself, then every subcommand, nested ones as "a b". */
  static List<String> commands() {
    List<String> out = new ArrayList<>();
    out.add("");
    collect(PmarginCommand.newCommandLine(), "", out);
    return out;
  }

  private static void collect(CommandLine cl, String prefix, List<String> out) {
    for (var e : cl.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue; // picocli's help subcommand takes no --help of its own
      }
      String path = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
      out.add(path);
      collect(e.getValue(), path, out);
    }
  }

  /**
   * Renders every help screen to standard output and standard error, as the child JVM of the test.
   *
   * @param args  ignored
   */
  public static void main(String[] args) {
    int worst = 0;
    for (String command : commands()) {
      List<String> argv = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
      argv.add("--help");
      int code = PmarginCommand.run(argv.toArray(String[]::new));
      System.out.println("=== pmargin " + command + " --help: exit " + code);
      worst = Math.max(worst, code);
    }
    System.out.flush();
    System.exit(worst);
  }
}
