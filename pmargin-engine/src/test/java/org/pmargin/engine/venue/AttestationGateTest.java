package org.pmargin.engine.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmargin.engine.venue.AttestationGate.Verdict;

/**
 * The attestation door against each attack of issue 19: forged (another key), tampered (a byte changed in what was
 * signed), replayed, out of order, stale, from the future and from an unknown venue are refused with their reason
 * and counted; an accepted one is credited with the venue's haircut, which grows as it ages. Raw public keys are
 * read as RFC 8032 encodes them, checked on its test vectors 1 and 2.
 */
class AttestationGateTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

  @Test
  void shouldReadRawKeysAsRfc8032EncodesThem() throws Exception {
    check("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595"
            + "bbe24655141438e7a100b");
    check("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302"
            + "aeeb00d291612bb0c00");
  }

  private static void check(String key, String message, String signature) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initVerify(Venue.ed25519(HEX.parseHex(key)));
    s.update(HEX.parseHex(message));
    assertThat(s.verify(HEX.parseHex(signature))).isTrue();
    assertThat(HEX.formatHex(Venue.raw(Venue.ed25519(HEX.parseHex(key))))).isEqualTo(key);
  }

  private static KeyPair keys() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  private static Attestation sign(Attestation a, PrivateKey k) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(k);
    s.update(a.signedBytes());
    return a.signed(s.sign());
  }

  private static Attestation of(String venue, long seq, Instant at, double usdc) {
    return new Attestation(venue, "alice", seq, at, List.of(new Attestation.Balance("USDC", usdc),
        new Attestation.Balance("BTC", 0.5)), List.of(new Attestation.Holding("BTC-PERPETUAL", -1000, 65_000)), null);
  }

  @Test
  void shouldAcceptOnlyFreshSignedInOrderAttestationsOfRegisteredVenues() throws Exception {
    KeyPair dex = keys();
    KeyPair mallory = keys();
    AttestationGate gate = new AttestationGate();
    gate.register(new Venue("dex", Venue.ed25519(Venue.raw(dex.getPublic())), 0.1, Duration.ofMinutes(1),
        Duration.ofMinutes(31), Duration.ofSeconds(5)));
    Instant now = T0.plusSeconds(10);

    Attestation first = sign(of("dex", 1, T0, 10_000), dex.getPrivate());
    assertThat(gate.submit(first, now).verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(gate.submit(first, now).verdict()).isEqualTo(Verdict.REPLAYED);
    assertThat(gate.submit(sign(of("dex", 2, T0.plusSeconds(5), 12_000), mallory.getPrivate()), now).verdict())
        .as("forged: another key").isEqualTo(Verdict.BAD_SIGNATURE);
    Attestation second = sign(of("dex", 2, T0.plusSeconds(5), 12_000), dex.getPrivate());
    Attestation tampered = new Attestation("dex", "alice", 2, T0.plusSeconds(5), List.of(new Attestation.Balance(
        "USDC", 120_000), new Attestation.Balance("BTC", 0.5)), second.positions(), second.signature());
    assertThat(gate.submit(tampered, now).verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
    assertThat(gate.submit(sign(of("cex", 1, T0, 1), dex.getPrivate()), now).verdict())
        .isEqualTo(Verdict.UNKNOWN_VENUE);
    assertThat(gate.submit(second, now).verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(gate.submit(first, now).verdict()).as("the older one again").isEqualTo(Verdict.OUT_OF_ORDER);
    assertThat(gate.submit(sign(of("dex", 3, T0.plusSeconds(1), 1), dex.getPrivate()), now).verdict())
        .as("a newer sequence with an older time").isEqualTo(Verdict.OUT_OF_ORDER);
    assertThat(gate.submit(sign(of("dex", 4, now.minus(Duration.ofMinutes(31)), 1), dex.getPrivate()), now)
        .verdict()).isEqualTo(Verdict.OUT_OF_ORDER);
    assertThat(gate.submit(sign(of("dex", 5, now.plusSeconds(6), 1), dex.getPrivate()), now).verdict())
        .isEqualTo(Verdict.FROM_THE_FUTURE);
    assertThat(gate.counts()).containsEntry(Verdict.ACCEPTED, 2L).containsEntry(Verdict.REPLAYED, 1L)
        .containsEntry(Verdict.BAD_SIGNATURE, 2L).containsEntry(Verdict.UNKNOWN_VENUE, 1L)
        .containsEntry(Verdict.OUT_OF_ORDER, 3L).containsEntry(Verdict.FROM_THE_FUTURE, 1L);
    // only the accepted second one counts: 12,000 USDC at a 10% haircut
    assertThat(gate.credit("alice", "USDC", now)).isCloseTo(10_800, within(1e-9));
    assertThat(gate.holdings("alice", now)).singleElement().satisfies(h -> {
      assertThat(h.attestation().sequence()).isEqualTo(2);
      assertThat(h.attestation().positions()).singleElement()
          .satisfies(p -> assertThat(p.quantity()).isEqualTo(-1000));
    });

    AttestationGate fresh = new AttestationGate();
    fresh.register(new Venue("dex", dex.getPublic(), 0.1, Duration.ofMinutes(1), Duration.ofMinutes(31),
        Duration.ofSeconds(5)));
    assertThat(fresh.submit(sign(of("dex", 9, now.minus(Duration.ofMinutes(31)), 1), dex.getPrivate()), now)
        .verdict()).isEqualTo(Verdict.STALE);
  }

  @Test
  void shouldAgeTheHaircutFromTheBaseToNothingCredited() throws Exception {
    KeyPair dex = keys();
    Venue v = new Venue("dex", dex.getPublic(), 0.1, Duration.ofMinutes(1), Duration.ofMinutes(31),
        Duration.ofSeconds(5));
    assertThat(v.haircutAt(Duration.ZERO)).isEqualTo(0.1);
    assertThat(v.haircutAt(Duration.ofMinutes(1))).isEqualTo(0.1);
    assertThat(v.haircutAt(Duration.ofMinutes(16))).isCloseTo(0.55, within(1e-12)); // halfway: 0.1 + 0.9 / 2
    assertThat(v.haircutAt(Duration.ofMinutes(31))).isEqualTo(1);
    AttestationGate gate = new AttestationGate();
    gate.register(v);
    gate.submit(sign(of("dex", 1, T0, 10_000), dex.getPrivate()), T0);
    assertThat(gate.credit("alice", "USDC", T0.plusSeconds(30))).isCloseTo(9_000, within(1e-9));
    assertThat(gate.credit("alice", "USDC", T0.plus(Duration.ofMinutes(16)))).isCloseTo(4_500, within(1e-9));
    assertThat(gate.credit("alice", "USDC", T0.plus(Duration.ofHours(2)))).isZero();
    assertThat(gate.credit("alice", "BTC", T0.plusSeconds(30))).isCloseTo(0.45, within(1e-12));

    gate.submit(sign(new Attestation("dex", "alice", 2, T0.plusSeconds(1), List.of(new Attestation.Balance("USDC",
        -5_000)), List.of(), null), dex.getPrivate()), T0.plusSeconds(1));
    assertThat(gate.credit("alice", "USDC", T0.plus(Duration.ofMinutes(16)))).as("a debt counts in full")
        .isEqualTo(-5_000);
  }

  @Test
  void shouldSignTheCanonicalBytesSoAnyChangedByteFails() throws Exception {
    KeyPair dex = keys();
    Attestation a = sign(of("dex", 1, T0, 10_000), dex.getPrivate());
    byte[] bytes = a.signedBytes();
    Signature s = Signature.getInstance("Ed25519");
    for (int i = 0; i < bytes.length; i++) {
      byte[] changed = bytes.clone();
      changed[i] ^= 0x01;
      s.initVerify(dex.getPublic());
      s.update(changed);
      assertThat(s.verify(a.signature())).as("byte %d", i).isFalse();
    }
    assertThat(new String(bytes, 0, Attestation.DOMAIN.length(), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo(Attestation.DOMAIN);
    Attestation reordered = new Attestation("dex", "alice", 1, T0, List.of(new Attestation.Balance("BTC", 0.5),
        new Attestation.Balance("USDC", 10_000)), a.positions(), a.signature());
    assertThat(reordered.signedBytes()).as("the order of the lists is canonical").isEqualTo(bytes);
  }
}
