package org.pmargin.engine.venue;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;

/**
 * A registered venue: its Ed25519 public key and its risk terms. What it attests is credited at {@code 1 - haircut}
 * while the attestation is at most {@code fresh} old; from then on the haircut grows linearly to 100% at {@code
 * expiry}, so a venue that stops attesting fades out of the account's collateral instead of being trusted forever.
 * An attestation already older than {@code expiry}, or timestamped more than {@code skew} ahead of this engine's
 * clock, is refused.
 *
 * @param id  the venue's id
 * @param key  its Ed25519 public key
 * @param haircut  the base haircut on what it attests, in [0, 1)
 * @param fresh  how long an attestation keeps the base haircut
 * @param expiry  the age at which it is worth nothing (and after which one is refused), &gt; fresh
 * @param skew  how far ahead of this engine's clock a timestamp may be
 */
public record Venue(String id, PublicKey key, double haircut, Duration fresh, Duration expiry, Duration skew) {

  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw 32-byte key follows it. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  /** Validates the terms. */
  public Venue {
    Checks.notBlank(id, "venue");
    Checks.notNull(key, "key");
    Checks.require(haircut >= 0 && haircut < 1, "haircut", "must be in [0, 1), got " + haircut);
    Checks.require(!fresh.isNegative(), "fresh", "must not be negative, got " + fresh);
    Checks.require(expiry.compareTo(fresh) > 0, "expiry", "must be longer than fresh (" + fresh + "), got " + expiry);
    Checks.require(!skew.isNegative(), "skew", "must not be negative, got " + skew);
  }

  /**
   * The haircut of an attestation of this age: the base one while fresh, then linearly up to 1 at {@link #expiry}.
   */
  public double haircutAt(Duration age) {
    if (age.compareTo(fresh) <= 0) {
      return haircut;
    }
    if (age.compareTo(expiry) >= 0) {
      return 1;
    }
    double t = (double) age.minus(fresh).toNanos() / expiry.minus(fresh).toNanos();
    return haircut + (1 - haircut) * t;
  }

  /** An Ed25519 public key from its raw 32 bytes (RFC 8032's encoding, as venues publish it). */
  public static PublicKey ed25519(byte[] raw) {
    if (raw.length != 32) {
      throw new InvalidInputException("key", "an Ed25519 public key is 32 bytes, got " + raw.length);
    }
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException("key", "not an Ed25519 public key: " + e.getMessage());
    }
  }

  /** The raw 32 bytes of an Ed25519 public key. */
  public static byte[] raw(PublicKey key) {
    byte[] der = key.getEncoded();
    return Arrays.copyOfRange(der, der.length - 32, der.length);
  }
}
