package org.pmargin.engine.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.margin.grid.GridParameters;
import org.pmargin.core.margin.grid.ScenarioGridModel;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;
import org.pmargin.engine.event.AttestationReceived;
import org.pmargin.engine.event.Deposit;
import org.pmargin.engine.event.EventOutcome;
import org.pmargin.engine.event.Fill;
import org.pmargin.engine.event.MarketUpdate;
import org.pmargin.engine.event.VenueRegistration;
import org.pmargin.engine.funding.FundingSchedule;
import org.pmargin.engine.script.EventScript;
import org.pmargin.engine.venue.Attestation;
import org.pmargin.engine.venue.AttestationGate.Verdict;
import org.pmargin.engine.venue.AttestationJson;
import org.pmargin.engine.venue.Venue;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cross-venue holdings in the engine (issue 19): attested positions offset local ones in the one risk profile, the
 * grid figures checked against the default preset's published parameters; attested collateral credited after the
 * venue's haircut, aged by the market time, nothing after expiry but debts in full; every attack refused with its
 * verdict and nothing changed; a byte flipped anywhere in the attestation's JSON refused; the state export carries
 * the holdings and the order state, and a format-1 state is refused.
 */
class EngineAttestationTest {

  private static final Instant T0 = EngineFixtures.T0;
  private static final Instrument LINEAR = DeribitSymbols.parse("BTC_USDC-PERPETUAL");
  /** The default grid preset's published figures (docs/METHODOLOGY.md, "Presets"): ±16% edge, 1% perp roll. */
  private static final double EDGE = 0.16;
  private static final double ROLL = 0.01;
  private static final double MM_FACTOR = 0.8;
  private static final double MARK = 66_000 * 1.0004; // EngineFixtures: the perpetual mark is the index × 1.0004

  private KeyPair keys;
  private Venue venue;
  private MarginEngine engine;

  @BeforeEach
  void setUp() throws Exception {
    keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    venue = new Venue("V", keys.getPublic(), 0.2, Duration.ofSeconds(300), Duration.ofSeconds(3_900),
        Duration.ofSeconds(5));
    engine = new MarginEngine(new ScenarioGridModel(GridParameters.standard()), EngineFixtures.market(),
        new EngineConfig(1, Duration.ofSeconds(60)).withFunding(FundingSchedule.off())
            .withVectorsPerMarketTime(true));
    assertThat(engine.apply(new VenueRegistration(venue)).accepted()).isTrue();
    assertThat(engine.apply(new Deposit("alice", Asset.USDC, 20_000)).accepted()).isTrue();
  }

  private static Attestation sign(Attestation a, PrivateKey k) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(k);
    s.update(a.signedBytes());
    return a.signed(s.sign());
  }

  private Attestation att(String account, long seq, Instant at, List<Attestation.Balance> b,
      List<Attestation.Holding> p) throws Exception {
    return sign(new Attestation("V", account, seq, at, b, p, null), keys.getPrivate());
  }

  private EventOutcome submit(Attestation a) {
    return engine.apply(new AttestationReceived(a));
  }

  private AccountHealth health(String id) {
    return engine.margin(id).orElseThrow().health();
  }

  private void moveTo(Instant t) {
    assertThat(engine.apply(new MarketUpdate(EngineFixtures.moved(engine.snapshot(), Asset.BTC, 1.0, t), java.util.Set.of()))
        .accepted()).isTrue();
  }

  @Test
  void shouldOffsetAnAttestedShortAgainstTheLocalLongAsOnePortfolio() throws Exception {
    assertThat(engine.apply(new Fill("alice", LINEAR, 1_000, MARK)).accepted()).isTrue(); // 1 BTC long
    // Alone: the −16% edge on 1 BTC at the mark, plus the perpetual's 1% roll, IM factor 1 (published preset).
    double expectedIm = EDGE * MARK + ROLL * MARK;
    AccountHealth alone = health("alice");
    assertThat(alone.initialMarginUsd()).isCloseTo(expectedIm, within(0.5)); // the roll may take the index: 0.26
    assertThat(alone.maintenanceMarginUsd()).isCloseTo(MM_FACTOR * expectedIm, within(0.5));

    EventOutcome o = submit(att("alice", 1, T0, List.of(), List.of(new Attestation.Holding(LINEAR.symbol(), -1_000,
        MARK))));
    assertThat(o.accepted()).as(o.rejection().orElse("")).isTrue();
    AccountHealth hedged = health("alice");
    assertThat(hedged.initialMarginUsd()).isCloseTo(0, within(1e-9));
    assertThat(hedged.maintenanceMarginUsd()).isCloseTo(0, within(1e-9));
    assertThat(hedged.equityUsd()).isCloseTo(20_000, within(1e-6));
    // explain and the engine agree, and the local book is untouched
    assertThat(engine.explain("alice").health().initialMarginUsd()).isCloseTo(0, within(1e-9));
    assertThat(engine.account("alice").portfolio().positions()).hasSize(1);

    // after the attestation's expiry the offset is gone: the full margin again
    moveTo(T0.plusSeconds(3_900));
    assertThat(health("alice").initialMarginUsd()).isCloseTo(expectedIm, within(0.5));
  }

  @Test
  void shouldOffsetAcrossInstrumentsUnderTheGridAndTheSensitivityModel() throws Exception {
    // long 1 BTC through the USDC-linear perpetual here, short about 1 BTC through the inverse September future on V
    Instrument sep = DeribitSymbols.parse("BTC-27SEP24");
    double forward = 66_000 * 1.02;
    double contracts = Math.rint(forward / sep.contractSize()); // 10 USD a contract: 1 BTC at the forward
    for (org.pmargin.core.margin.MarginModel m : List.of(new ScenarioGridModel(GridParameters.standard()),
        org.pmargin.core.margin.MarginModels.byName("sensitivity",
            org.pmargin.core.margin.RiskParameters.defaults()))) {
      try (MarginEngine e = new MarginEngine(m, EngineFixtures.market(), new EngineConfig(1, Duration.ofSeconds(60))
          .withFunding(FundingSchedule.off()))) {
        e.apply(new VenueRegistration(venue));
        e.apply(new Deposit("alice", Asset.USDC, 20_000));
        e.apply(new Fill("alice", LINEAR, 1_000, MARK));
        double alone = e.margin("alice").orElseThrow().health().initialMarginUsd();
        EventOutcome o = e.apply(new AttestationReceived(att("alice", 1, T0, List.of(),
            List.of(new Attestation.Holding(sep.symbol(), -contracts, forward)))));
        assertThat(o.accepted()).as(m.name() + ": " + o.rejection().orElse("")).isTrue();
        double hedged = e.margin("alice").orElseThrow().health().initialMarginUsd();
        // the ±16% edge alone costs 0.16 of the notional; the hedge leaves the rolls, basis and curvature
        assertThat(alone).as(m.name()).isGreaterThan(0.15 * MARK);
        assertThat(hedged).as(m.name()).isLessThan(0.5 * alone).isPositive();
      }
    }
  }

  @Test
  void shouldCreditAttestedCollateralWithTheAgedHaircutAndDebtsInFull() throws Exception {
    Venue w = new Venue("W", keys.getPublic(), 0.1, Duration.ofSeconds(60), Duration.ofSeconds(120),
        Duration.ZERO);
    engine.apply(new VenueRegistration(w));
    assertThat(submit(att("alice", 1, T0, List.of(new Attestation.Balance("USDC", 10_000)), List.of())).accepted())
        .isTrue();
    assertThat(engine.apply(new AttestationReceived(sign(new Attestation("W", "alice", 1, T0,
        List.of(new Attestation.Balance("USDC", -3_000)), List.of(), null), keys.getPrivate()))).accepted()).isTrue();
    // fresh: 10,000 × (1 − 0.2), the debt of W in full
    assertThat(health("alice").equityUsd()).isCloseTo(20_000 + 8_000 - 3_000, within(1e-6));
    // 2,100 s: (2,100 − 300) / (3,900 − 300) = half way from 20% to 100%: haircut 60%
    moveTo(T0.plusSeconds(2_100));
    assertThat(health("alice").equityUsd()).isCloseTo(20_000 + 4_000 - 3_000, within(1e-6));
    // at expiry nothing is credited, the debt (W long expired too) still counts
    moveTo(T0.plusSeconds(3_900));
    assertThat(health("alice").equityUsd()).isCloseTo(20_000 - 3_000, within(1e-6));
    assertThat(engine.venues().venues().get(0).accounts().get(0).expired()).isTrue();
  }

  @Test
  void shouldReplaceAVenuesPreviousHoldings() throws Exception {
    submit(att("alice", 1, T0, List.of(new Attestation.Balance("USDC", 10_000)), List.of()));
    submit(att("alice", 2, T0, List.of(new Attestation.Balance("USDC", 1_000)), List.of()));
    assertThat(health("alice").equityUsd()).isCloseTo(20_000 + 800, within(1e-6));
  }

  @Test
  void shouldRefuseEveryAttackAndChangeNothing() throws Exception {
    engine.apply(new Deposit("bob", Asset.USDC, 1_000));
    List<Attestation.Balance> b = List.of(new Attestation.Balance("USDC", 10_000));
    Attestation ok = att("alice", 5, T0, b, List.of());
    assertThat(submit(ok).accepted()).isTrue();
    String before = state();
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Attestation unsigned = new Attestation("V", "alice", 6, T0, b, List.of(), null);
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {sign(unsigned, other.getPrivate()), Verdict.BAD_SIGNATURE}); // forged
    cases.add(new Object[] {new Attestation("V", "alice", 6, T0, List.of(new Attestation.Balance("USDC", 99_000)),
        List.of(), sign(unsigned, keys.getPrivate()).signature()), Verdict.BAD_SIGNATURE}); // tampered
    cases.add(new Object[] {ok, Verdict.REPLAYED});
    cases.add(new Object[] {att("alice", 4, T0, b, List.of()), Verdict.OUT_OF_ORDER});
    cases.add(new Object[] {att("alice", 6, T0.minusSeconds(1), b, List.of()), Verdict.OUT_OF_ORDER});
    cases.add(new Object[] {att("bob", 1, T0.minusSeconds(3_900), b, List.of()), Verdict.STALE});
    cases.add(new Object[] {att("bob", 1, T0.plusSeconds(6), b, List.of()), Verdict.FROM_THE_FUTURE});
    cases.add(new Object[] {sign(new Attestation("X", "alice", 6, T0, b, List.of(), null), keys.getPrivate()),
        Verdict.UNKNOWN_VENUE});
    cases.add(new Object[] {att("carol", 1, T0, b, List.of()), Verdict.UNKNOWN_ACCOUNT});
    cases.add(new Object[] {att("alice", 6, T0, b, List.of(new Attestation.Holding("SOL-PERPETUAL", 1, 150))),
        Verdict.INVALID}); // no market for SOL: cannot be margined
    for (Object[] c : cases) {
      EventOutcome o = submit((Attestation) c[0]);
      assertThat(o.accepted()).isFalse();
      assertThat(o.rejection().orElseThrow()).startsWith(((Verdict) c[1]).code() + ": ");
      assertThat(state()).isEqualTo(before);
    }
    assertThat(engine.venues().counts()).containsEntry(Verdict.BAD_SIGNATURE, 2L)
        .containsEntry(Verdict.OUT_OF_ORDER, 2L).containsEntry(Verdict.REPLAYED, 1L)
        .containsEntry(Verdict.STALE, 1L).containsEntry(Verdict.ACCEPTED, 1L);
    // a skew-sized future timestamp is fine
    assertThat(submit(att("bob", 1, T0.plusSeconds(5), b, List.of())).accepted()).isTrue();
  }

  @Test
  void shouldRefuseTheAttestationJsonWithAnyByteFlipped() throws Exception {
    Attestation a = att("alice", 1, T0, List.of(new Attestation.Balance("USDC", 10_000.5),
        new Attestation.Balance("BTC", 0.25)), List.of(new Attestation.Holding(LINEAR.symbol(), -1_000, 65_000)));
    String line = Json.MAPPER.writeValueAsString(AttestationJson.write(a));
    String before = state();
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    int refusedAsInvalid = 0;
    for (int i = 0; i < bytes.length; i++) {
      byte[] f = bytes.clone();
      f[i] ^= 0x01;
      String flipped = new String(f, StandardCharsets.UTF_8);
      try {
        ObjectNode[] out = new ObjectNode[1];
        EventScript.run(engine, new BufferedReader(new StringReader(flipped)), x -> out[0] = x);
        assertThat(out[0].get("accepted").asBoolean()).as("byte %d: %s", i, flipped).isFalse();
      } catch (InvalidInputException e) {
        refusedAsInvalid++;
      }
      assertThat(state()).as("byte %d", i).isEqualTo(before);
    }
    assertThat(refusedAsInvalid).isPositive().isLessThan(bytes.length); // both paths were taken
    ObjectNode[] out = new ObjectNode[1];
    EventScript.run(engine, new BufferedReader(new StringReader(line)), x -> out[0] = x);
    assertThat(out[0].get("verdict").stringValue()).isEqualTo("accepted"); // the control: unflipped, it passes
  }

  @Test
  void shouldCarryHoldingsAndOrderStateThroughTheStateExport() throws Exception {
    engine.apply(new Fill("alice", LINEAR, 1_000, MARK));
    Attestation a = att("alice", 3, T0, List.of(new Attestation.Balance("USDC", 5_000)),
        List.of(new Attestation.Holding(LINEAR.symbol(), -500, 64_000)));
    assertThat(submit(a).accepted()).isTrue();
    EngineState s = engine.exportState();
    byte[] bytes = EngineStateCodec.write(s);
    try (MarginEngine r = MarginEngine.restore(EngineStateCodec.read(bytes), engine.model(),
        new EngineConfig(1, Duration.ofSeconds(60)).withFunding(FundingSchedule.off())
            .withVectorsPerMarketTime(true))) {
      assertThat(EngineStateCodec.json(r.exportState())).isEqualTo(EngineStateCodec.json(s));
      assertThat(r.margin("alice")).isEqualTo(engine.margin("alice"));
      assertThat(r.apply(new AttestationReceived(a)).rejection().orElseThrow()).startsWith("replayed: ");
      Attestation next = att("alice", 4, T0, List.of(), List.of());
      EventOutcome x = r.apply(new AttestationReceived(next));
      EventOutcome y = engine.apply(new AttestationReceived(next));
      assertThat(x.margins()).isEqualTo(y.margins());
    }
    // a format-1 state (before venues) is refused as unreadable: recovery then falls back to an older one or the log
    String json = EngineStateCodec.json(s).replaceFirst("\"format\":2", "\"format\":1");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> EngineStateCodec.read(gz.toByteArray()))
        .isInstanceOf(EngineStateCodec.UnreadableStateException.class).hasMessageContaining("format 1");
  }

  @Test
  void shouldCommitTheAttestationsInAVersion2LeafThatProves() throws Exception {
    engine.apply(new Deposit("bob", Asset.USDC, 1_000));
    Attestation a = att("alice", 3, T0, List.of(new Attestation.Balance("USDC", 5_000)), List.of());
    assertThat(submit(a).accepted()).isTrue();
    org.pmargin.engine.proof.AccountLeaf leaf = engine.leaf("alice");
    byte[] bytes = leaf.encode();
    assertThat(bytes[0]).isEqualTo((byte) 2);
    assertThat(engine.leaf("bob").encode()[0]).isEqualTo((byte) 1);
    assertThat(leaf.attested()).singleElement().satisfies(x -> {
      assertThat(x.venue()).isEqualTo("V");
      assertThat(x.sequence()).isEqualTo(3);
      assertThat(x.digest()).isEqualTo(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(a.signedBytes())));
    });
    assertThat(org.pmargin.engine.proof.AccountLeaf.decode(bytes)).isEqualTo(leaf);
    assertThat(leaf.equityUsd()).isCloseTo(20_000 + 4_000, within(1e-6));
    var c = engine.commitment(false);
    var proof = c.proof(leaf).orElseThrow();
    assertThat(proof.verify(c.root())).isTrue();
    assertThat(c.proof(engine.leaf("bob")).orElseThrow().verify(c.root())).isTrue();
    // a leaf claiming another sequence of V does not prove
    var forged = new org.pmargin.engine.proof.AccountLeaf(leaf.account(), leaf.balances(), leaf.positions(),
        leaf.equityUsd(), leaf.initialMarginUsd(), leaf.maintenanceMarginUsd(), leaf.state(), leaf.degraded(),
        leaf.snapshotVersion(), List.of(new org.pmargin.engine.proof.AccountLeaf.Attested("V", 4,
        leaf.attested().get(0).digest())));
    assertThat(c.proof(forged)).isEmpty();
  }

  @Test
  void shouldNotQueueAnAccountShortAcrossVenuesButFlagIt() throws Exception {
    engine.apply(new Deposit("dave", Asset.USDC, 100));
    assertThat(submit(att("dave", 1, T0, List.of(new Attestation.Balance("USDC", -5_000)), List.of())).accepted())
        .isTrue();
    assertThat(health("dave").equityUsd()).isCloseTo(-4_900, within(1e-6));
    assertThat(engine.crossVenueShortfalls()).containsExactly("dave");
    assertThat(engine.liquidationCandidates()).isZero();
  }

  /** The engine's state without what every event moves (sequence) or refusals count (verdicts). */
  private String state() {
    ObjectNode n = (ObjectNode) Json.parse(EngineStateCodec.json(engine.exportState()));
    n.remove("sequence");
    ((ObjectNode) n.get("venues")).remove("counts");
    return n.toString();
  }
}
