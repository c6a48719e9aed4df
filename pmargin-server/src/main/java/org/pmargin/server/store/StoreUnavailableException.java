package org.pmargin.server.store;

/**
 * The event log's database could not be reached or refused a write: nothing in the failed batch was acknowledged
 * (the service answers 503).
 */
public final class StoreUnavailableException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message  what failed
   * @param cause  the database's error
   */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
