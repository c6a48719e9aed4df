package org.pmargin.server.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.HealthState;
import org.pmargin.engine.event.AccountMargin;

/**
 * The log's {@code margins} column: the margins of an event that re-margins the whole book, in binary, beside its
 * answer. A price update on a venue's book re-margins 100,000 accounts; as canonical JSON in the answer that was
 * 20 MB per tick and took longer to write and commit than the re-margining itself. Here it is about 60 bytes an
 * account, written without formatting a number.
 *
 * <p>Format (big-endian, {@link DataOutputStream}'s encodings): a version byte ({@value #VERSION}); the number of
 * health-state names and each name (so the encoding does not depend on the enum's order); the number of margins;
 * per margin its account id, equity, initial margin, maintenance margin, margin ratio and available (USD, each
 * double as its IEEE 754 bits, so they read back bit for bit), the state's index in the names, the market
 * snapshot version and the degraded flag.
 */
public final class MarginsColumn {

  /** The format version written first. */
  public static final int VERSION = 1;

  private static final HealthState[] STATES = HealthState.values();

  private MarginsColumn() {
  }

  /**
   * Encodes margins.
   *
   * @param margins  the margins, in the engine's order
   * @return the bytes
   */
  public static byte[] encode(List<AccountMargin> margins) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + margins.size() * 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeByte(STATES.length);
      for (HealthState s : STATES) {
        out.writeUTF(s.name());
      }
      out.writeInt(margins.size());
      for (AccountMargin m : margins) {
        AccountHealth h = m.health();
        out.writeUTF(m.accountId());
        out.writeDouble(h.equityUsd());
        out.writeDouble(h.initialMarginUsd());
        out.writeDouble(h.maintenanceMarginUsd());
        out.writeDouble(h.marginRatio());
        out.writeDouble(h.availableUsd());
        out.writeByte(h.state().ordinal());
        out.writeLong(m.snapshotVersion());
        out.writeBoolean(m.degraded());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes margins.
   *
   * @param bytes  what {@link #encode} wrote
   * @return the margins, in their order
   * @throws IllegalArgumentException when the bytes are not of this format (another version, truncated, unknown
   *     state)
   */
  public static List<AccountMargin> decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("margins of format " + version + ", this version reads " + VERSION);
      }
      HealthState[] states = new HealthState[in.readUnsignedByte()];
      for (int i = 0; i < states.length; i++) {
        states[i] = HealthState.valueOf(in.readUTF());
      }
      int n = in.readInt();
      if (n < 0) {
        throw new IllegalArgumentException("a negative count of margins: " + n);
      }
      List<AccountMargin> out = new ArrayList<>(Math.min(n, bytes.length / 50 + 1));
      for (int i = 0; i < n; i++) {
        String account = in.readUTF();
        double equity = in.readDouble();
        double im = in.readDouble();
        double mm = in.readDouble();
        double ratio = in.readDouble();
        double available = in.readDouble();
        int state = in.readUnsignedByte();
        if (state >= states.length) {
          throw new IllegalArgumentException("margin " + i + " has state " + state + " of " + states.length);
        }
        out.add(new AccountMargin(account, new AccountHealth(equity, im, mm, ratio, available, states[state]),
            in.readLong(), in.readBoolean()));
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException(in.available() + " bytes after the last margin");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("the margins are truncated: " + e, e);
    }
  }
}
