package org.pmargin.cli;

import org.pmargin.data.DataDirectory;

/** The help text of every command's {@code --data-dir} option, so that they all say the same. */
final class DataDirOption {

  /** The option's description. */
  static final String HELP = "Historical data directory (default: $" + DataDirectory.ENV
      + ", else the copy shipped with pmargin in " + DataDirectory.SHIPPED_FOLDER + "/).";

  private DataDirOption() {
  }
}
