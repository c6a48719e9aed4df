package org.pmargin.engine.proof;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer for the project's canonical encodings (the state tree's leaves, {@link
 * AccountLeaf}; the signed bytes of a venue's attestation): u8, u16 counts, u64, IEEE-754 doubles, and strings as a
 * u16 byte length and UTF-8. Reused from record to record, so hashing a million accounts keeps no byte arrays.
 */
public final class CanonicalWriter {

  private byte[] buf = new byte[512];
  private int size;

  /** Empties the buffer (keeps its capacity). */
  public void reset() {
    size = 0;
  }

  /** Bytes written. */
  public int size() {
    return size;
  }

  /** The backing array (the first {@link #size} bytes are the written ones). */
  public byte[] array() {
    return buf;
  }

  /** A copy of the written bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** One byte. */
  public void u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  /** An unsigned 16-bit count ({@code what} names it in the error when it does not fit). */
  public void u16(int v, String what) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException(what + ": " + v + " does not fit the encoding's 16-bit count");
    }
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  /** A 64-bit integer. */
  public void u64(long v) {
    ensure(8);
    for (int s = 56; s >= 0; s -= 8) {
      buf[size++] = (byte) (v >>> s);
    }
  }

  /** A double's IEEE-754 bits. */
  public void f64(double v) {
    u64(Double.doubleToLongBits(v));
  }

  /** A string: its UTF-8 byte length as u16, then the bytes. */
  public void str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    u16(b.length, "string '" + s + "'");
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  private void ensure(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }

  /**
   * Orders strings as their UTF-8 bytes compare unsigned, which is code point order, without encoding them: UTF-16
   * order except that surrogates (U+D800–DFFF, the halves of code points above U+FFFF) sort after U+E000–FFFF.
   */
  public static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(codePointOrder(x), codePointOrder(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int codePointOrder(char c) {
    if (c >= 0xE000) {
      return c - 0x800;
    }
    return c >= 0xD800 ? c + 0x2000 : c;
  }
}
