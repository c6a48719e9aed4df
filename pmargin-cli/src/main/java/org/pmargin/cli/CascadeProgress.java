package org.pmargin.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long {@code pmargin cascade} on stderr: on a terminal, a redrawn progress bar over every snapshot of
 * every run (me.tongfei:progressbar); otherwise (a pipe, a file, a test) one plain line per finished run, so a log
 * never fills with carriage returns; nothing with {@code --no-progress}.
 */
final class CascadeProgress implements AutoCloseable {

  private final ProgressBar bar;
  private final PrintWriter lines;
  private final int runs;
  private int done;
  private long startNanos = System.nanoTime();

  private CascadeProgress(ProgressBar bar, PrintWriter lines, int runs) {
    this.bar = bar;
    this.lines = lines;
    this.runs = runs;
  }

  /**
   * Starts the progress.
   *
   * @param enabled  false for none
   * @param err  the command's stderr, for the plain lines
   * @param runs  how many runs
   * @param snapshots  snapshots in all runs
   * @return the progress
   */
  static CascadeProgress start(boolean enabled, PrintWriter err, int runs, long snapshots) {
    if (!enabled) {
      return new CascadeProgress(null, null, runs);
    }
    if (stderrIsTerminal()) {
      ProgressBar bar = new ProgressBarBuilder().setTaskName("cascade").setInitialMax(snapshots)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().build();
      return new CascadeProgress(bar, null, runs);
    }
    return new CascadeProgress(null, err, runs);
  }

  /** One snapshot applied. */
  void step() {
    if (bar != null) {
      bar.step();
    }
  }

  /** One run finished. */
  void runDone(String what) {
    done++;
    if (bar != null) {
      bar.setExtraMessage(what);
    } else if (lines != null) {
      lines.printf(Locale.ROOT, "cascade: %d/%d %s (%.1f s)%n", done, runs, what,
          (System.nanoTime() - startNanos) / 1e9);
      lines.flush();
      startNanos = System.nanoTime();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /**
   * Whether stderr is an interactive terminal: on Linux, file descriptor 2 must lead to a terminal device; and
   * {@code Console.isTerminal()} where the JDK has it (22 and later, on which {@code System.console()} is no longer
   * null when redirected), else a console at all; never with TERM unset or dumb.
   */
  static boolean stderrIsTerminal() {
    PrintStream err = System.err;
    if (err == null || System.getenv("TERM") == null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
    if (java.nio.file.Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) { // Linux: where stderr goes
      try {
        String target = java.nio.file.Files.readSymbolicLink(fd2).toString();
        if (!target.startsWith("/dev/pts/") && !target.startsWith("/dev/tty")) {
          return false;
        }
      } catch (java.io.IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method m = java.io.Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
