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
    this(clientId, "'" + clientId + "' was already used by event " + sequence + " for a different request");
  }

  /**
   * Creates the exception with its own reason.
   *
   * @param clientId  the id
   * @param reason  why the id is refused (the message is {@code client_id: } and the reason)
   */
  public ClientIdConflictException(String clientId, String reason) {
    super("client_id: " + reason);
    this.clientId = clientId;
  }

  private final String clientId;

  /** The id refused. */
  public String clientId() {
    return clientId;
  }
}
