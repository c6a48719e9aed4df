package org.pmargin.server.api;

/** A route named an account the service does not hold: 404. */
final class UnknownAccountException extends RuntimeException {

  UnknownAccountException(String account) {
    super("account: no account '" + account + "'");
  }
}
