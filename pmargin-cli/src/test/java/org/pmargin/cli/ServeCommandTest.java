package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code pmargin serve}'s option checks (the server itself is tested in pmargin-server). */
class ServeCommandTest {

  @Test
  void shouldRefuseBothAStoreDirectoryAndADatabase() {
    CliRun run = CliRun.of("serve", "--store-dir", "x", "--db", "jdbc:postgresql://127.0.0.1/x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("store_dir: give --store-dir or --db, not both");
  }

  @Test
  void shouldRefuseADatabaseUrlThatIsNeitherSqliteNorPostgresql() {
    CliRun run = CliRun.of("serve", "--db", "jdbc:mysql://127.0.0.1/x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("db: must be a jdbc:sqlite: or jdbc:postgresql: URL");
  }
}
