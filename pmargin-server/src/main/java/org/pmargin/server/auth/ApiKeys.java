package org.pmargin.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.server.store.KeyStore;
import org.pmargin.server.store.StoreLocation;

/**
 * The service's API keys: creates them (a random 256-bit secret from {@link SecureRandom}, shown once), keeps only
 * their SHA-256 in the {@code api_keys} table and in memory, checks a presented key by recomputing the hash and
 * comparing in constant time ({@link MessageDigest#isEqual}), and revokes them. Writes are committed before they
 * return, so keys and revocations survive a restart.
 */
public final class ApiKeys {

  /** The prefix of generated secrets (makes them easy to spot in a leak scan). */
  public static final String PREFIX = "pmk_";
  /** The shortest secret accepted as a given admin key. */
  public static final int MIN_GIVEN_LENGTH = 32;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final KeyStore store;
  private final Map<String, ApiKey> byId = new ConcurrentHashMap<>();

  private ApiKeys(KeyStore store) {
    this.store = store;
    for (ApiKey k : store.all()) {
      byId.put(k.id(), k);
    }
  }

  /**
   * Loads the keys of a store (its migrations already run by the event log).
   *
   * @param location  the store
   * @return the keys
   */
  public static ApiKeys open(StoreLocation location) {
    return new ApiKeys(new KeyStore(location));
  }

  /** A new secret and its key record, returned by {@link #create}. */
  public record Created(ApiKey key, String secret) {
  }

  /**
   * Creates a key.
   *
   * @param role  its role
   * @param accounts  the accounts a trader key is bound to (at least one; none for other roles)
   * @param label  a label, at most 200 characters
   * @return the key and its secret (the only time the secret is known)
   */
  public Created create(Role role, Set<String> accounts, String label) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return new Created(add(secret, role, accounts, label), secret);
  }

  private ApiKey add(String secret, Role role, Set<String> accounts, String label) {
    if (role == Role.TRADER && accounts.isEmpty()) {
      throw new InvalidInputException("accounts", "a trader key needs at least one account");
    }
    if (role != Role.TRADER && !accounts.isEmpty()) {
      throw new InvalidInputException("accounts", "only a trader key is bound to accounts");
    }
    if (label == null || label.length() > 200) {
      throw new InvalidInputException("label", "must be at most 200 characters");
    }
    String hash = HEX.formatHex(sha256(secret));
    ApiKey k = new ApiKey(hash.substring(0, 16), hash, role, Set.copyOf(accounts), label, Instant.now().toString(),
        null);
    synchronized (this) {
      store.insert(k);
      byId.put(k.id(), k);
    }
    return k;
  }

  /**
   * Makes a given secret an admin key unless its hash is already stored (the operator's bootstrap key).
   *
   * @param secret  the key, at least {@value #MIN_GIVEN_LENGTH} characters
   * @return the stored key (possibly revoked earlier: a revocation stands)
   */
  public ApiKey ensureAdmin(String secret) {
    if (secret == null || secret.strip().length() < MIN_GIVEN_LENGTH) {
      throw new InvalidInputException("admin_key", "must be at least " + MIN_GIVEN_LENGTH + " characters");
    }
    String s = secret.strip();
    String hash = HEX.formatHex(sha256(s));
    ApiKey known = byId.get(hash.substring(0, 16));
    if (known != null && known.hash().equals(hash)) {
      return known;
    }
    return add(s, Role.ADMIN, Set.of(), "bootstrap admin (given)");
  }

  /**
   * The active key a presented secret belongs to.
   *
   * @param secret  what the client sent
   * @return the key, empty when unknown or revoked
   */
  public Optional<ApiKey> authenticate(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > 512) {
      return Optional.empty();
    }
    byte[] hash = sha256(secret);
    ApiKey k = byId.get(HEX.formatHex(hash, 0, 8));
    if (k == null || !MessageDigest.isEqual(HEX.parseHex(k.hash()), hash) || !k.active()) {
      return Optional.empty();
    }
    return Optional.of(k);
  }

  /**
   * Revokes a key; from then on it is refused.
   *
   * @param id  the key id
   * @return the revoked key, empty when no active key has that id
   */
  public synchronized Optional<ApiKey> revoke(String id) {
    ApiKey k = byId.get(id);
    if (k == null || !k.active()) {
      return Optional.empty();
    }
    String at = Instant.now().toString();
    if (!store.revoke(id, at)) {
      return Optional.empty();
    }
    ApiKey r = k.revoked(at);
    byId.put(id, r);
    return Optional.of(r);
  }

  /** Every key, revoked ones included, oldest first. */
  public List<ApiKey> list() {
    return byId.values().stream().sorted(java.util.Comparator.comparing(ApiKey::createdAt)
        .thenComparing(ApiKey::id)).toList();
  }

  /** Whether the store holds no key at all (a fresh store). */
  public boolean isEmpty() {
    return byId.isEmpty();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
