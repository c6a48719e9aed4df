package org.pmargin.engine.proof;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.event.AccountMargin;

/**
 * One account's state as a leaf of the state tree, in the canonical encoding of docs/VERIFY.md (version 1; version 2
 * for an account holding attestations of other venues, docs/VENUES.md: version 1's fields then {@code u16 k, k ×
 * (str venue, u64 sequence, 32 bytes SHA-256 of the attestation's signed bytes)} sorted by venue): all
 * integers big-endian, strings as an unsigned 16-bit byte length and UTF-8, numbers as the 8 bytes of their IEEE-754
 * double (so the figures are exact, not printed):
 *
 * <pre>
 * u8 1 (version) | str account | u16 n, n × (str asset, f64 balance)          sorted by asset code bytes
 *               | u16 m, m × (str instrument, f64 quantity, f64 entry price)  sorted by symbol bytes
 *               | f64 equity USD | f64 initial margin USD | f64 maintenance margin USD | str health state
 *               | u8 degraded (0 or 1) | u64 snapshot version of the margin
 * </pre>
 *
 * <p>Decoding checks every length, rejects trailing bytes and anything that does not encode back to the same bytes,
 * so two different byte strings never decode to the same state and a verifier can show what a proof proves.
 *
 * @param account  the account id
 * @param balances  collateral by asset code, sorted
 * @param positions  positions, sorted by instrument symbol
 * @param equityUsd  equity of the last margin
 * @param initialMarginUsd  its initial margin
 * @param maintenanceMarginUsd  its maintenance margin
 * @param state  its health state's name
 * @param degraded  whether it was computed on a held (degraded) price
 * @param snapshotVersion  the market snapshot it was computed on
 * @param attested  the accepted attestations of other venues the margin counted, sorted by venue (empty: version 1)
 */
public record AccountLeaf(String account, List<Balance> balances, List<Holding> positions, double equityUsd,
    double initialMarginUsd, double maintenanceMarginUsd, String state, boolean degraded, long snapshotVersion,
    List<Attested> attested) {

  /** The encoding's version byte. */
  public static final int VERSION = 1;
  /** The version byte of a leaf with attestations. */
  public static final int VERSION_ATTESTED = 2;

  /**
   * An attestation the account's margin counted: the venue, its sequence number and the SHA-256 of the bytes the
   * venue signed (hex), which a holder of the attestation recomputes.
   */
  public record Attested(String venue, long sequence, String digest) {
    /** Validates the digest's form. */
    public Attested {
      if (digest == null || !digest.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("digest must be 64 lower-case hex digits, got " + digest);
      }
    }
  }

  /** A leaf without attestations (version 1). */
  public AccountLeaf(String account, List<Balance> balances, List<Holding> positions, double equityUsd,
      double initialMarginUsd, double maintenanceMarginUsd, String state, boolean degraded, long snapshotVersion) {
    this(account, balances, positions, equityUsd, initialMarginUsd, maintenanceMarginUsd, state, degraded,
        snapshotVersion, List.of());
  }

  /** A balance of one asset. */
  public record Balance(String asset, double amount) {
  }

  /** A position: the instrument's symbol, the quantity and the entry price. */
  public record Holding(String instrument, double quantity, double entryPrice) {
  }

  /** Copies the lists. */
  public AccountLeaf {
    balances = List.copyOf(balances);
    positions = List.copyOf(positions);
    attested = attested == null ? List.of() : List.copyOf(attested);
  }

  /** The leaf of an engine account, its last margin and the attestations it counted (sorted by venue). */
  public static AccountLeaf of(Account account, AccountMargin margin, List<Attested> attested) {
    AccountLeaf l = of(account, margin);
    return new AccountLeaf(l.account, l.balances, l.positions, l.equityUsd, l.initialMarginUsd,
        l.maintenanceMarginUsd, l.state, l.degraded, l.snapshotVersion, attested);
  }

  /** The leaf of an engine account and its last margin. */
  public static AccountLeaf of(Account account, AccountMargin margin) {
    if (!account.id().equals(margin.accountId())) {
      throw new IllegalArgumentException("margin of " + margin.accountId() + " given for " + account.id());
    }
    List<Balance> balances = new ArrayList<>();
    for (Map.Entry<Asset, Double> e : account.collateral().entrySet()) {
      balances.add(new Balance(e.getKey().code(), e.getValue()));
    }
    balances.sort((x, y) -> CanonicalWriter.compareUtf8(x.asset(), y.asset()));
    List<Holding> positions = new ArrayList<>();
    for (Position p : account.portfolio().positions()) {
      positions.add(new Holding(p.instrument().symbol(), p.quantity(), p.entryPrice()));
    }
    positions.sort((x, y) -> CanonicalWriter.compareUtf8(x.instrument(), y.instrument()));
    AccountHealth h = margin.health();
    return new AccountLeaf(account.id(), balances, positions, h.equityUsd(), h.initialMarginUsd(),
        h.maintenanceMarginUsd(), h.state().name(), margin.degraded(), margin.snapshotVersion());
  }

  /** The canonical bytes. */
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  /** Writes the canonical bytes of this leaf (its lists as they are). */
  void writeTo(CanonicalWriter w) {
    w.u8(attested.isEmpty() ? VERSION : VERSION_ATTESTED);
    w.str(account);
    w.u16(balances.size(), "balances");
    for (Balance b : balances) {
      w.str(b.asset());
      w.f64(b.amount());
    }
    w.u16(positions.size(), "positions");
    for (Holding p : positions) {
      w.str(p.instrument());
      w.f64(p.quantity());
      w.f64(p.entryPrice());
    }
    w.f64(equityUsd);
    w.f64(initialMarginUsd);
    w.f64(maintenanceMarginUsd);
    w.str(state);
    w.u8(degraded ? 1 : 0);
    w.u64(snapshotVersion);
    writeAttested(attested, w);
  }

  private static void writeAttested(List<Attested> attested, CanonicalWriter w) {
    if (attested == null || attested.isEmpty()) {
      return;
    }
    w.u16(attested.size(), "attested");
    for (Attested a : attested) {
      w.str(a.venue());
      w.u64(a.sequence());
      for (byte b : java.util.HexFormat.of().parseHex(a.digest())) {
        w.u8(b & 0xff);
      }
    }
  }

  /**
   * Writes the canonical bytes of an engine account and its last margin straight from the engine's objects, sorted
   * as {@link #of} sorts them (the same bytes as {@code of(account, margin).encode()}, without the leaf's objects).
   */
  static void write(Account account, AccountMargin margin, CanonicalWriter w) {
    write(account, margin, null, w);
  }

  /** As {@link #write(Account, AccountMargin, CanonicalWriter)}, with the attestations counted (null or empty: none). */
  static void write(Account account, AccountMargin margin, List<Attested> attested, CanonicalWriter w) {
    w.u8(attested == null || attested.isEmpty() ? VERSION : VERSION_ATTESTED);
    w.str(account.id());
    @SuppressWarnings("unchecked")
    Map.Entry<Asset, Double>[] cash = account.collateral().entrySet().toArray(new Map.Entry[0]);
    Arrays.sort(cash, (x, y) -> CanonicalWriter.compareUtf8(x.getKey().code(), y.getKey().code()));
    w.u16(cash.length, "balances");
    for (Map.Entry<Asset, Double> e : cash) {
      w.str(e.getKey().code());
      w.f64(e.getValue());
    }
    Position[] held = account.portfolio().positions().toArray(new Position[0]);
    Arrays.sort(held, (x, y) -> CanonicalWriter.compareUtf8(x.instrument().symbol(), y.instrument().symbol()));
    w.u16(held.length, "positions");
    for (Position p : held) {
      w.str(p.instrument().symbol());
      w.f64(p.quantity());
      w.f64(p.entryPrice());
    }
    AccountHealth h = margin.health();
    w.f64(h.equityUsd());
    w.f64(h.initialMarginUsd());
    w.f64(h.maintenanceMarginUsd());
    w.str(h.state().name());
    w.u8(margin.degraded() ? 1 : 0);
    w.u64(margin.snapshotVersion());
    writeAttested(attested, w);
  }

  /**
   * Reads canonical bytes back.
   *
   * @throws InvalidInputException naming {@code leaf} when the bytes are not a version-1 or version-2 leaf
   *     (truncated, trailing bytes, an unknown version or degraded flag, a version 2 without attestations)
   */
  public static AccountLeaf decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION && version != VERSION_ATTESTED) {
        throw new InvalidInputException("leaf", "unknown encoding version " + version + " (this reader knows 1 and 2)");
      }
      String account = readString(in);
      int n = in.readUnsignedShort();
      List<Balance> balances = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        balances.add(new Balance(readString(in), in.readDouble()));
      }
      int m = in.readUnsignedShort();
      List<Holding> positions = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        positions.add(new Holding(readString(in), in.readDouble(), in.readDouble()));
      }
      double equity = in.readDouble();
      double im = in.readDouble();
      double mm = in.readDouble();
      String state = readString(in);
      int degraded = in.readUnsignedByte();
      if (degraded > 1) {
        throw new InvalidInputException("leaf", "degraded flag must be 0 or 1, got " + degraded);
      }
      long version2 = in.readLong();
      List<Attested> attested = new ArrayList<>();
      if (version == VERSION_ATTESTED) {
        int k = in.readUnsignedShort();
        for (int i = 0; i < k; i++) {
          String venue = readString(in);
          long seq = in.readLong();
          byte[] digest = new byte[32];
          in.readFully(digest);
          attested.add(new Attested(venue, seq, java.util.HexFormat.of().formatHex(digest)));
        }
      }
      if (in.read() != -1) {
        throw new InvalidInputException("leaf", "trailing bytes after the " + (version == VERSION
            ? "snapshot version" : "attestations"));
      }
      AccountLeaf leaf = new AccountLeaf(account, balances, positions, equity, im, mm, state, degraded == 1,
          version2, attested);
      if (!ascending(balances.stream().map(Balance::asset).toList())
          || !ascending(positions.stream().map(Holding::instrument).toList())
          || !ascending(attested.stream().map(Attested::venue).toList())
          || !Arrays.equals(leaf.encode(), bytes)) {
        throw new InvalidInputException("leaf", "not in canonical form (entries out of order or repeated, a string "
            + "that is not UTF-8, or a non-canonical NaN)");
      }
      return leaf;
    } catch (java.io.EOFException e) {
      throw new InvalidInputException("leaf", "truncated: " + bytes.length + " bytes end inside a field");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean ascending(List<String> keys) {
    for (int i = 1; i < keys.size(); i++) {
      if (CanonicalWriter.compareUtf8(keys.get(i - 1), keys.get(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readUnsignedShort()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

}
