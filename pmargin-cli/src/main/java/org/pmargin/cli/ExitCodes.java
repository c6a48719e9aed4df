package org.pmargin.cli;

/** The exit codes of {@code pmargin}. */
public final class ExitCodes {

  /** Everything computed. */
  public static final int OK = 0;
  /** Bad input: a file, a field or a line was rejected (the message names it). */
  public static final int BAD_INPUT = 1;
  /** Bad command line (picocli's usage error code). */
  public static final int USAGE = 2;
  /** A network resource could not be reached (e.g. {@code pmargin fetch} without internet access). */
  public static final int UNAVAILABLE = 4;
  /** An unexpected internal failure. */
  public static final int INTERNAL = 3;
  /** A proof was read but does not hold ({@code pmargin verify}). */
  public static final int PROOF_FAILS = 5;

  private ExitCodes() {
  }
}
