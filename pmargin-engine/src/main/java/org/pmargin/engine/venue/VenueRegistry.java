package org.pmargin.engine.venue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.engine.venue.AttestationGate.Verdict;

/**
 * The venues an engine accepts attestations from, each registration versioned (1 on first registration, + 1 per
 * change of key or terms, with the event that set it), and how many attestations met each verdict. Part of the
 * engine's state: registrations are events, so a replay or a restored snapshot holds the same ones.
 *
 * <p>Not thread-safe: the engine uses it under its lock.
 */
public final class VenueRegistry {

  /** A venue's registration in force. */
  public record Entry(Venue venue, long version, long sequence) {
  }

  /**
   * A registration as exported: the raw Ed25519 key in hex, the durations in nanoseconds.
   *
   * @param id  the venue id
   * @param key  its raw public key, hex
   * @param haircut  the base haircut
   * @param freshNanos  how long the base haircut holds
   * @param expiryNanos  the age at which an attestation is worth nothing
   * @param skewNanos  the allowed clock skew
   * @param version  the registration's version
   * @param sequence  the engine event that set it
   */
  public record Registered(String id, String key, double haircut, long freshNanos, long expiryNanos, long skewNanos,
      long version, long sequence) {
  }

  /** The registry as exported: the registrations by id and the verdict counts by code. */
  public record State(List<Registered> venues, Map<String, Long> counts) {
  }

  private final Map<String, Entry> entries = new TreeMap<>();
  private final EnumMap<Verdict, Long> counts = new EnumMap<>(Verdict.class);

  /** The venue registered under an id, or null. */
  public Venue venue(String id) {
    Entry e = entries.get(id);
    return e == null ? null : e.venue();
  }

  /** Registers a venue or replaces its registration (the next version). */
  public void register(Venue v, long sequence) {
    Entry old = entries.get(v.id());
    entries.put(v.id(), new Entry(v, old == null ? 1 : old.version() + 1, sequence));
  }

  /** Counts a verdict. */
  public void count(Verdict v) {
    counts.merge(v, 1L, Long::sum);
  }

  /** The registrations, by venue id. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** How many attestations met each verdict. */
  public Map<Verdict, Long> counts() {
    return new EnumMap<>(counts);
  }

  /** The registry as plain values. */
  public State export() {
    List<Registered> out = new ArrayList<>(entries.size());
    for (Entry e : entries.values()) {
      Venue v = e.venue();
      out.add(new Registered(v.id(), HexFormat.of().formatHex(Venue.raw(v.key())), v.haircut(), v.fresh().toNanos(),
          v.expiry().toNanos(), v.skew().toNanos(), e.version(), e.sequence()));
    }
    Map<String, Long> c = new TreeMap<>();
    counts.forEach((k, n) -> c.put(k.code(), n));
    return new State(out, c);
  }

  /** Takes an exported registry (null: none, as in a state without venues). */
  public void restore(State s) {
    entries.clear();
    counts.clear();
    if (s == null) {
      return;
    }
    for (Registered r : s.venues()) {
      Venue v = new Venue(r.id(), Venue.ed25519(HexFormat.of().parseHex(r.key())), r.haircut(),
          Duration.ofNanos(r.freshNanos()), Duration.ofNanos(r.expiryNanos()), Duration.ofNanos(r.skewNanos()));
      entries.put(r.id(), new Entry(v, r.version(), r.sequence()));
    }
    for (Map.Entry<String, Long> c : s.counts().entrySet()) {
      counts.put(Verdict.valueOf(c.getKey().toUpperCase(java.util.Locale.ROOT)), c.getValue());
    }
  }
}
