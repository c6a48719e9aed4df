package org.pmargin.server.auth;

import java.util.Locale;
import org.pmargin.core.validation.InvalidInputException;

/**
 * What an API key may do: a trader its own accounts only, the risk desk read every account, an admin everything
 * (accounts, market updates, key management). The route table is in docs/API.md.
 */
public enum Role {
  /** Reads and trades the accounts its key is bound to. */
  TRADER,
  /** Reads every account and the event log; changes nothing. */
  RISK,
  /** Everything, including key management and market updates. */
  ADMIN;

  /** The name in JSON and in the store: lower case. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a role name.
   *
   * @param s  trader, risk or admin
   * @param field  the field to name in an error
   * @return the role
   */
  public static Role of(String s, String field) {
    for (Role r : values()) {
      if (r.code().equals(s)) {
        return r;
      }
    }
    throw new InvalidInputException(field, "must be trader, risk or admin, got '" + s + "'");
  }
}
