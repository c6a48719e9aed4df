package org.pmargin.server.recovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server as a separate OS process: a child JVM on this test's classpath running {@code ServerMain} on a free
 * loopback port, its standard error in a file (the server's own logging configuration, INFO: recovery says what it
 * started from), a snapshot every 100 events; {@link #kill()} is {@code kill -9}.
 */
final class ServerProcess {

  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The admin key the child process accepts (given in PMARGIN_ADMIN_KEY). */
  static final String ADMIN_KEY = "kill-nine-admin-key-0123456789abcdef-01234";

  static ServerProcess start(List<String> storeArgs, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dpmargin.snapshotEvery=100",
        "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(), "-cp",
        System.getProperty("java.class.path"), "org.pmargin.server.ServerMain",
        "--market", Path.of("..", "examples", "market", "deribit-2024-06-17.json").toString(),
        "--price-band-mode", "off", "--port", "0"));
    cmd.addAll(storeArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("PMARGIN_ADMIN_KEY", ADMIN_KEY);
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      int i = line.indexOf("listening on http://127.0.0.1:");
      if (i >= 0) {
        return new ServerProcess(p, Integer.parseInt(line.substring(i + "listening on http://127.0.0.1:".length())
            .trim()));
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("the server process ended before serving (exit " + exit(p) + "); see "
        + log);
  }

  private static int exit(Process p) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  int port() {
    return port;
  }

  /** SIGKILL, and wait for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the server process did not die");
    }
  }

  /** SIGTERM (a clean shutdown: queued requests answered, a snapshot written). */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
