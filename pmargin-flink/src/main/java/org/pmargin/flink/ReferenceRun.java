package org.pmargin.flink;

import java.util.ArrayList;
import java.util.List;
import org.pmargin.engine.book.MarginEngine;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.HealthTransition;

/**
 * The same script through the single-node {@link MarginEngine} (liquidation off, as in the job), written as the job
 * writes its outputs: the reference the job is compared with, and the single-node side of the throughput figures.
 *
 * @param margins  margin result lines
 * @param transitions  transition lines
 * @param rejections  how many events were rejected
 */
public record ReferenceRun(List<String> margins, List<String> transitions, int rejections) {

  /** Runs the lines. */
  public static ReferenceRun of(List<String> lines, JobSettings settings) {
    List<String> margins = new ArrayList<>();
    List<String> transitions = new ArrayList<>();
    int rejected = 0;
    try (MarginEngine engine = new MarginEngine(settings.model(settings.model()), settings.market(),
        settings.engineConfig())) {
      long seq = 0;
      for (String line : lines) {
        if (line.isBlank() || EventLines.question(line)) {
          continue;
        }
        JobRecord r = EventLines.parse(line, ++seq);
        EventOutcome o;
        try {
          o = engine.apply(EventLines.toEngine(r, engine.snapshot(), settings));
        } catch (org.pmargin.core.validation.InvalidInputException e) {
          rejected++;
          continue; // a move the snapshot refuses: the job reports it as a rejection too
        }
        if (!o.accepted()) {
          rejected++;
          continue;
        }
        for (AccountMargin m : o.margins()) {
          margins.add(Outputs.margin(o.sequence(), m));
        }
        for (HealthTransition t : o.transitions()) {
          transitions.add(Outputs.transition(t));
        }
      }
    }
    return new ReferenceRun(margins, transitions, rejected);
  }
}
