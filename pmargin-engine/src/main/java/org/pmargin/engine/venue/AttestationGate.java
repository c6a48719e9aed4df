package org.pmargin.engine.venue;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The door for attestations: only one from a registered venue, correctly signed by that venue's key, newer in the
 * venue's sequence than the last one accepted for the account, not older than the venue's expiry and not from the
 * future is accepted; everything else is refused with its reason and counted. The checks run in that order, so a
 * forger learns nothing about the accepted sequence numbers. Accepted attestations replace the venue's previous one
 * for the account; {@link #holdings} gives them with the haircut their age earns now.
 *
 * <p>Thread-safe (one lock: attestations arrive far less often than prices).
 */
public final class AttestationGate {

  /** What became of an attestation. */
  public enum Verdict {
    /** Accepted: it is now the venue's view of the account. */
    ACCEPTED,
    /** The venue is not registered. */
    UNKNOWN_VENUE,
    /** The signature does not verify with the venue's key over the attestation's bytes. */
    BAD_SIGNATURE,
    /** The same sequence number as the accepted one: a replay. */
    REPLAYED,
    /** A sequence number below the accepted one, or a timestamp before it. */
    OUT_OF_ORDER,
    /** Older than the venue's expiry. */
    STALE,
    /** Timestamped further ahead of this clock than the venue's skew allows. */
    FROM_THE_FUTURE,
    /** Signed and in order, but for an account this engine does not hold (the engine's check, not the gate's). */
    UNKNOWN_ACCOUNT,
    /** Signed and in order, but holding what this engine cannot margin: an unknown instrument or asset. */
    INVALID;

    /** The name in JSON, metrics and rejections: lower case. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The attestation field the refusal is about, for answers that name it. */
    public String field() {
      return switch (this) {
        case ACCEPTED -> null;
        case UNKNOWN_VENUE -> "venue";
        case BAD_SIGNATURE -> "signature";
        case REPLAYED, OUT_OF_ORDER -> "sequence";
        case STALE, FROM_THE_FUTURE -> "timestamp";
        case UNKNOWN_ACCOUNT -> "account";
        case INVALID -> "positions";
      };
    }
  }

  /** An attestation's fate and why. */
  public record Outcome(Verdict verdict, String reason) {
    /** Whether it was accepted. */
    public boolean accepted() {
      return verdict == Verdict.ACCEPTED;
    }
  }

  /** An accepted attestation with its venue and the haircut its age earns at the time asked. */
  public record Held(Attestation attestation, Venue venue, double haircut) {
  }

  private final Map<String, Venue> venues = new HashMap<>();
  private final Map<String, Map<String, Attestation>> latest = new HashMap<>();
  private final EnumMap<Verdict, Long> counts = new EnumMap<>(Verdict.class);

  /** Registers a venue (or replaces its key and terms). */
  public synchronized void register(Venue v) {
    venues.put(v.id(), v);
  }

  /**
   * Checks an attestation and accepts it if it passes.
   *
   * @param a  the attestation
   * @param now  this engine's clock
   */
  public synchronized Outcome submit(Attestation a, Instant now) {
    Outcome o = check(a, now);
    counts.merge(o.verdict(), 1L, Long::sum);
    if (o.accepted()) {
      latest.computeIfAbsent(a.account(), k -> new HashMap<>()).put(a.venue(), a);
    }
    return o;
  }

  private Outcome check(Attestation a, Instant now) {
    Venue v = venues.get(a.venue());
    return check(a, v, v == null ? null : latest.getOrDefault(a.account(), Map.of()).get(a.venue()), now);
  }

  /**
   * The gate's checks on their own, for a holder that keeps the registry and the accepted attestations itself (the
   * engine keeps them in its account states): unknown venue, signature, replay, order, staleness, future, in that
   * order.
   *
   * @param a  the attestation
   * @param v  its venue's registration, null when unknown
   * @param last  the attestation of that venue last accepted for the account, or null
   * @param now  the checking clock
   * @return the verdict and its reason
   */
  public static Outcome check(Attestation a, Venue v, Attestation last, Instant now) {
    if (v == null) {
      return new Outcome(Verdict.UNKNOWN_VENUE, "venue '" + a.venue() + "' is not registered");
    }
    if (!signedBy(a, v)) {
      return new Outcome(Verdict.BAD_SIGNATURE, "the signature does not verify with " + v.id() + "'s key");
    }
    if (last != null && a.sequence() == last.sequence()) {
      return new Outcome(Verdict.REPLAYED, "sequence " + a.sequence() + " of " + v.id() + " for " + a.account()
          + " was already accepted");
    }
    if (last != null && (a.sequence() < last.sequence() || a.timestamp().isBefore(last.timestamp()))) {
      return new Outcome(Verdict.OUT_OF_ORDER, "sequence " + a.sequence() + " at " + a.timestamp()
          + " is behind the accepted " + last.sequence() + " at " + last.timestamp());
    }
    Duration age = Duration.between(a.timestamp(), now);
    if (age.compareTo(v.expiry()) >= 0) {
      return new Outcome(Verdict.STALE, "taken " + age.toSeconds() + " s ago, past the venue's expiry of "
          + v.expiry().toSeconds() + " s");
    }
    if (age.negated().compareTo(v.skew()) > 0) {
      return new Outcome(Verdict.FROM_THE_FUTURE, "timestamped " + age.negated().toMillis() + " ms ahead of this "
          + "clock, beyond the venue's skew of " + v.skew().toMillis() + " ms");
    }
    return new Outcome(Verdict.ACCEPTED, "accepted");
  }

  /** Whether the attestation's signature verifies with the venue's key over its signed bytes. */
  public static boolean signedBy(Attestation a, Venue v) {
    byte[] sig = a.signature();
    if (sig.length != 64) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(v.key());
      s.update(a.signedBytes());
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The accepted attestations of an account, one per venue, with the haircut their age earns at {@code now}. */
  public synchronized List<Held> holdings(String account, Instant now) {
    List<Held> out = new ArrayList<>();
    for (Attestation a : latest.getOrDefault(account, Map.of()).values()) {
      Venue v = venues.get(a.venue());
      Duration age = Duration.between(a.timestamp(), now);
      out.add(new Held(a, v, v.haircutAt(age.isNegative() ? Duration.ZERO : age)));
    }
    out.sort((x, y) -> x.venue().id().compareTo(y.venue().id()));
    return out;
  }

  /**
   * What an account's venues attest in one asset, after each venue's haircut at {@code now} (a negative balance, a
   * debt there, in full): the collateral credit they add to the account's own.
   */
  public synchronized double credit(String account, String asset, Instant now) {
    double sum = 0;
    for (Held h : holdings(account, now)) {
      for (Attestation.Balance b : h.attestation().balances()) {
        if (b.asset().equals(asset)) {
          // a debt on the venue counts in full, a holding after the haircut: never in the account's favour
          sum += b.amount() < 0 ? b.amount() : b.amount() * (1 - h.haircut());
        }
      }
    }
    return sum;
  }

  /** How many attestations met each fate. */
  public synchronized Map<Verdict, Long> counts() {
    return new EnumMap<>(counts);
  }
}
