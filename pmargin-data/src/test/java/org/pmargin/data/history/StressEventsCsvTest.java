package org.pmargin.data.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.data.DataDirectory;

/** The crash windows of the data shipped with the project. */
class StressEventsCsvTest {

  @Test
  void shouldReadTheEightCuratedWindows() {
    List<CrashWindow> w = StressEventsCsv.read(DataDirectory.shipped().orElseThrow());
    // The data README lists eight events, from COVID's Black Thursday to the 2025-10-10 liquidation cascade.
    assertThat(w).hasSize(8);
    assertThat(w.get(0).id()).isEqualTo("covid_black_thursday");
    assertThat(w.get(0).start()).isEqualTo(LocalDate.of(2020, 3, 8));
    assertThat(w.get(0).end()).isEqualTo(LocalDate.of(2020, 3, 16));
    assertThat(w).extracting(CrashWindow::id).contains("luna_ust_collapse", "celsius_3ac");
  }
}
