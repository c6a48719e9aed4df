package org.pmargin.server.api;

/** A request the caller's key does not allow: 401 (no or bad key), 403 (wrong role) or 404 (a foreign account). */
final class AccessDeniedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String field;

  AccessDeniedException(int status, String code, String field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  String field() {
    return field;
  }
}
