package org.pmargin.cli;

import org.pmargin.core.instrument.Asset;
import org.pmargin.engine.replay.CascadeStep;
import org.pmargin.engine.replay.LiveCrashReplay;

/**
 * One run of a cascade: a margin model, with or without the correlation-breakdown add-on and the impact feedback,
 * through one window, and what it did.
 *
 * @param window  the window's id
 * @param model  the base model's name
 * @param breakdown  whether the correlation-breakdown add-on was on
 * @param feedback  whether the liquidations' impact moved the marks
 * @param summary  the replay's summary and series
 * @param seconds  the run's wall time
 */
record CascadeRun(String window, String model, boolean breakdown, boolean feedback, LiveCrashReplay.Summary summary,
    double seconds) {

  /** The line's label: the model, with {@code +corr_breakdown} when the add-on was on. */
  String label() {
    return model + (breakdown ? "+corr_breakdown" : "");
  }

  /** The most negative shift of an underlying's marks over the run (0 without feedback), a log shift. */
  double worstShift(Asset u) {
    double w = 0;
    for (CascadeStep s : summary.series()) {
      w = Math.min(w, s.shift().getOrDefault(u, 0.0));
    }
    return w;
  }
}
