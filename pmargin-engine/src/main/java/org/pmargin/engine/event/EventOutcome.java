package org.pmargin.engine.event;

import java.util.List;
import java.util.Optional;

/**
 * What applying one event did: whether it was accepted (a rejected event changes nothing), the accounts
 * re-margined, and the health transitions, both in account order.
 *
 * @param sequence  the event's sequence number (1 for the first event the engine applied)
 * @param rejection  why the event was rejected, or empty when it was applied
 * @param margins  the accounts re-margined
 * @param transitions  the health changes among them
 */
public record EventOutcome(long sequence, Optional<String> rejection, List<AccountMargin> margins,
    List<HealthTransition> transitions) {

  /** Copies. */
  public EventOutcome {
    margins = List.copyOf(margins);
    transitions = List.copyOf(transitions);
  }

  /** Whether the event was applied. */
  public boolean accepted() {
    return rejection.isEmpty();
  }
}
