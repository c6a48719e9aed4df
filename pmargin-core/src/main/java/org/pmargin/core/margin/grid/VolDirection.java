package org.pmargin.core.margin.grid;

/**
 * The implied-vol leg of a grid scenario. Unchanged comes first, so when vols do not matter (delta-one books) the
 * driving scenario reads as a pure price move.
 */
public enum VolDirection {
  /** Vols unchanged. */
  UNCHANGED,
  /** Vols shocked up. */
  UP,
  /** Vols shocked down. */
  DOWN
}
