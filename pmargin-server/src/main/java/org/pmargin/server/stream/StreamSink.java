package org.pmargin.server.stream;

/**
 * Where a subscriber's messages go (a WebSocket session): a send that returns once the text is handed to the
 * connection, so a client that does not read makes it wait (and its queue fill up), and a close with a reason.
 */
public interface StreamSink {

  /**
   * Sends one text message, waiting until the connection took it.
   *
   * @param text  the JSON text
   * @throws InterruptedException when the subscriber is stopped while waiting
   * @throws Exception when the connection failed
   */
  void send(String text) throws Exception;

  /**
   * Closes the connection (without waiting for a slow client).
   *
   * @param code  the WebSocket close code
   * @param reason  why, at most 123 bytes
   */
  void close(int code, String reason);
}
