package org.pmargin.engine.book;

import java.time.Instant;
import java.util.List;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.margin.AccountHealth;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.engine.liquidation.LiquidationRunner;

/**
 * Everything a {@link MarginEngine} holds that a replay of its events would rebuild, as plain values: exported by
 * {@link MarginEngine#exportState()}, imported by {@link MarginEngine#restore}, written and read by {@link
 * EngineStateCodec} (docs/FORMATS.md has no entry: the format is internal, versioned by {@link #format}). An engine
 * restored from it gives, for every later event, the same outcome, margins and figures bit for bit as the engine
 * it was exported from.
 *
 * <p>Not in it: the margin model (the caller gives it back, checked by {@link #model} name: it is a function of the
 * risk parameters in force, which the caller keeps), the engine's settings ({@link EngineConfig}, likewise), and
 * the per-unit vector cache, which an export requires to be rebuildable (every vector held was computed on the
 * current snapshot, see {@link MarginEngine#exportable()}), so the restored engine starts with an empty one.
 *
 * @param format  the format version ({@link EngineStateCodec#FORMAT})
 * @param sequence  the engine's last sequence number
 * @param model  the model's name, checked on import
 * @param market  the current snapshot
 * @param lastFullPass  the market time of the last full re-margining pass
 * @param degradedMask  the degraded underlyings, as bits of {@link #assetBits}
 * @param assetBits  the asset codes in the order their exposure bits were given
 * @param instruments  the instruments held by any account, referred to by index in {@link Account#positions}
 * @param accounts  every account, in the order opened
 * @param liquidation  the liquidation queue, parked accounts, bad debt, insurance fund and loss totals
 * @param venues  the registered venues and the attestation verdict counts (format 2 on)
 */
public record EngineState(int format, long sequence, String model, MarketSnapshot market, Instant lastFullPass,
    long degradedMask, List<String> assetBits, List<Instrument> instruments, List<Account> accounts,
    LiquidationRunner.State liquidation, org.pmargin.engine.venue.VenueRegistry.State venues) {

  /**
   * An accepted attestation as held, every signed field and the signature (hex), so that the import rebuilds the
   * very attestation (and its signature still verifies).
   *
   * @param venue  the venue id
   * @param sequence  its sequence number
   * @param timestamp  when the venue took the state
   * @param assets  the balances' asset codes, in the attestation's order
   * @param amounts  the balances
   * @param instruments  the positions' symbols, in the attestation's order
   * @param quantities  the positions' quantities
   * @param entries  the positions' entry prices
   * @param signature  the Ed25519 signature, hex
   */
  public record Attested(String venue, long sequence, Instant timestamp, String[] assets, double[] amounts,
      String[] instruments, double[] quantities, double[] entries, String signature) {
  }

  /**
   * One account as the engine holds it, positions and balances in the engine's own order (summation order counts).
   *
   * @param id  the account id
   * @param positions  each position's instrument, as an index into {@link EngineState#instruments}
   * @param quantities  each position's signed quantity
   * @param entries  each position's entry price
   * @param assets  the balances' asset codes
   * @param balances  the balances
   * @param exposure  the assets its margin depends on, as bits
   * @param health  its last margin (null if never margined)
   * @param snapshotVersion  the snapshot version of that margin
   * @param degraded  whether that margin was flagged degraded
   * @param earliestExpiry  the lower bound of its positions' expiries, null when none
   * @param attested  the accepted attestations of other venues, by venue id; null when none
   */
  public record Account(String id, int[] positions, double[] quantities, double[] entries, String[] assets,
      double[] balances, long exposure, AccountHealth health, long snapshotVersion, boolean degraded,
      Instant earliestExpiry, List<Attested> attested) {
  }
}
