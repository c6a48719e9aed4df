package org.pmargin.server.auth;

import java.util.Set;

/**
 * An API key as the server knows it: its public id, the SHA-256 of its secret (never the secret), role, the
 * accounts a trader key is bound to, a label, and when it was created and revoked (null while valid).
 *
 * @param id  the first 16 hex characters of the hash
 * @param hash  the lowercase hex SHA-256 of the secret
 * @param role  the role
 * @param accounts  the bound account ids (empty unless a trader)
 * @param label  a free label, e.g. who holds it
 * @param createdAt  ISO-8601 instant
 * @param revokedAt  ISO-8601 instant, or null
 */
public record ApiKey(String id, String hash, Role role, Set<String> accounts, String label, String createdAt,
    String revokedAt) {

  /** Whether the key is still accepted. */
  public boolean active() {
    return revokedAt == null;
  }

  /** Whether the key may see an account: admin and risk every one, a trader its bound ones. */
  public boolean sees(String account) {
    return role != Role.TRADER || accounts.contains(account);
  }

  /** This key revoked at an instant. */
  ApiKey revoked(String at) {
    return new ApiKey(id, hash, role, accounts, label, createdAt, at);
  }
}
