package org.pmargin.engine.event;

import org.pmargin.core.validation.Checks;

/**
 * A risk desk's control of the engine's liquidation loop, as an event so that a replay of the log agrees: {@code
 * PAUSE} stops liquidating (accounts below maintenance margin stay queued), {@code RESUME} starts again, and {@code
 * RUN} only asks for a liquidation pass now (the engine runs one after every accepted event; while paused it does
 * nothing).
 *
 * @param action  what to do
 */
public record LiquidationControl(Action action) implements EngineEvent {

  /** What a control event does. */
  public enum Action {
    /** Stop liquidating; candidates stay queued. */
    PAUSE,
    /** Liquidate again, starting with this event's pass. */
    RESUME,
    /** A liquidation pass now (none while paused). */
    RUN
  }

  /** Validates the field. */
  public LiquidationControl {
    Checks.notNull(action, "action");
  }
}
