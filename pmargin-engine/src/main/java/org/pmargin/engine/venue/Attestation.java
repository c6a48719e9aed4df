package org.pmargin.engine.venue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pmargin.core.validation.Checks;
import org.pmargin.engine.proof.CanonicalWriter;

/**
 * What another venue says an account holds there, at one of its sequence numbers, signed with the venue's Ed25519
 * key. The signature covers {@link #signedBytes}: a domain tag, then the fields in the canonical encoding of
 * docs/VENUES.md (balances sorted by asset, positions by instrument), so a byte changed anywhere fails it.
 *
 * @param venue  the attesting venue's registered id
 * @param account  the account on this engine the holdings belong to
 * @param sequence  the venue's sequence number for this account's attestations, strictly increasing
 * @param timestamp  when the venue took the state
 * @param balances  balances there, sorted by asset code
 * @param positions  positions there, sorted by instrument symbol
 * @param signature  Ed25519 over {@link #signedBytes} (64 bytes)
 */
public record Attestation(String venue, String account, long sequence, Instant timestamp, List<Balance> balances,
    List<Holding> positions, byte[] signature) {

  /** The domain separation tag the signed bytes start with (so no other signed message can pass for one). */
  public static final String DOMAIN = "pmargin-attestation/1";

  /** A balance of one asset, in its own units. */
  public record Balance(String asset, double amount) {
    /** Validates. */
    public Balance {
      Checks.notNull(asset, "asset");
      Checks.finite(amount, "balances." + asset);
    }
  }

  /** A position: the instrument's symbol, the quantity (contracts) and the entry price. */
  public record Holding(String instrument, double quantity, double entryPrice) {
    /** Validates. */
    public Holding {
      Checks.notNull(instrument, "instrument");
      Checks.finite(quantity, "positions." + instrument + ".quantity");
      Checks.finite(entryPrice, "positions." + instrument + ".entry_price");
    }
  }

  /** Validates and sorts (the order is part of the signed bytes). */
  public Attestation {
    Checks.notNull(venue, "venue");
    Checks.notNull(account, "account");
    Checks.require(sequence >= 0, "sequence", "must be >= 0, got " + sequence);
    Checks.notNull(timestamp, "timestamp");
    balances = sorted(balances, Balance::asset, "balances");
    positions = sorted(positions, Holding::instrument, "positions");
    signature = signature == null ? new byte[0] : signature.clone();
  }

  /** The same attestation with a signature. */
  public Attestation signed(byte[] sig) {
    return new Attestation(venue, account, sequence, timestamp, balances, positions, sig);
  }

  /** The bytes the venue signs. */
  public byte[] signedBytes() {
    CanonicalWriter w = new CanonicalWriter();
    for (byte b : DOMAIN.getBytes(StandardCharsets.US_ASCII)) {
      w.u8(b);
    }
    w.str(venue);
    w.str(account);
    w.u64(sequence);
    w.u64(timestamp.getEpochSecond());
    w.u64(timestamp.getNano());
    w.u16(balances.size(), "balances");
    for (Balance b : balances) {
      w.str(b.asset());
      w.f64(b.amount());
    }
    w.u16(positions.size(), "positions");
    for (Holding h : positions) {
      w.str(h.instrument());
      w.f64(h.quantity());
      w.f64(h.entryPrice());
    }
    return w.toByteArray();
  }

  /** The SHA-256 of {@link #signedBytes}, lower-case hex: what the state tree's leaf commits (docs/VERIFY.md). */
  public String digest() {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(signedBytes()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attestation a && Arrays.equals(signedBytes(), a.signedBytes())
        && Arrays.equals(signature, a.signature);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(signedBytes()) + Arrays.hashCode(signature);
  }

  private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> key, String field) {
    List<T> out = new ArrayList<>(Checks.notNull(items, field));
    out.sort((a, b) -> CanonicalWriter.compareUtf8(key.apply(a), key.apply(b)));
    for (int i = 1; i < out.size(); i++) {
      Checks.require(!key.apply(out.get(i)).equals(key.apply(out.get(i - 1))), field,
          "'" + key.apply(out.get(i)) + "' appears twice");
    }
    return List.copyOf(out);
  }
}
