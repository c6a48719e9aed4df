package org.pmargin.server.service;

/**
 * A client id already used for a different request: the service answers 409 and changes nothing (a repeat of the
 * same request returns its first answer instead).
 */
public final class ClientIdConflictException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param clientId  the id
   * @param sequence  the event that holds it
   */
  public ClientIdConflictException(String clientId, long sequence) {
    super("client_id: '" + clientId + "' was already used by event " + sequence + " for a different request");
  }
}
