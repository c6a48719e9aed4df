package org.pmargin.engine.book;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.engine.venue.Attestation;
import org.pmargin.engine.venue.CrossVenue;
import org.pmargin.engine.venue.Venue;
import org.pmargin.engine.venue.VenueHoldings;
import org.pmargin.engine.venue.VenueRegistry;
import java.util.HexFormat;

/** Converts the engine's accounts and asset bits to and from {@link EngineState} (the engine calls it locked). */
final class EngineStates {

  private EngineStates() {
  }

  /** The accounts as exported, their instruments collected into {@code instruments}. */
  static List<EngineState.Account> accounts(List<AccountState> states, List<Instrument> instruments) {
    Map<Instrument, Integer> ids = new HashMap<>();
    List<EngineState.Account> out = new ArrayList<>(states.size());
    for (AccountState s : states) {
      int n = s.positionCount();
      int[] pos = new int[n];
      double[] qty = new double[n];
      double[] entry = new double[n];
      for (int i = 0; i < n; i++) {
        Instrument inst = s.instrumentAt(i);
        Integer id = ids.get(inst);
        if (id == null) {
          id = instruments.size();
          instruments.add(inst);
          ids.put(inst, id);
        }
        pos[i] = id;
        qty[i] = s.quantityAt(i);
        entry[i] = s.entryAt(i);
      }
      String[] assets = new String[s.assetCount()];
      double[] balances = new double[assets.length];
      for (int i = 0; i < assets.length; i++) {
        assets[i] = s.assetAt(i).code();
        balances[i] = s.balanceAt(i);
      }
      out.add(new EngineState.Account(s.id, pos, qty, entry, assets, balances, s.exposure, s.health,
          s.snapshotVersion, s.degraded, s.earliestExpiry(), attested(s.crossVenue)));
    }
    return out;
  }

  /** The engine's account states from an export, in order. */
  static List<AccountState> states(EngineState state) {
    List<Instrument> inst = state.instruments();
    List<AccountState> out = new ArrayList<>(state.accounts().size());
    Map<String, Asset> assets = new HashMap<>();
    for (EngineState.Account a : state.accounts()) {
      int n = a.positions().length;
      if (a.quantities().length != n || a.entries().length != n || a.balances().length != a.assets().length) {
        throw new IllegalArgumentException("account " + a.id() + ": position or balance arrays differ in length");
      }
      Instrument[] instruments = new Instrument[n];
      for (int i = 0; i < n; i++) {
        instruments[i] = inst.get(a.positions()[i]);
      }
      Asset[] codes = new Asset[a.assets().length];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = assets.computeIfAbsent(a.assets()[i], Asset::of);
      }
      out.add(AccountState.restored(a.id(), instruments, a.quantities(), a.entries(), codes, a.balances(),
          a.exposure(), a.health(), a.snapshotVersion(), a.degraded(), a.earliestExpiry()));
    }
    return out;
  }

  private static List<EngineState.Attested> attested(CrossVenue cv) {
    if (cv == null) {
      return null;
    }
    List<EngineState.Attested> out = new ArrayList<>();
    for (VenueHoldings h : cv.holdings()) {
      Attestation a = h.attestation();
      int nb = a.balances().size();
      int np = a.positions().size();
      String[] assets = new String[nb];
      double[] amounts = new double[nb];
      for (int i = 0; i < nb; i++) {
        assets[i] = a.balances().get(i).asset();
        amounts[i] = a.balances().get(i).amount();
      }
      String[] symbols = new String[np];
      double[] qty = new double[np];
      double[] entry = new double[np];
      for (int i = 0; i < np; i++) {
        symbols[i] = a.positions().get(i).instrument();
        qty[i] = a.positions().get(i).quantity();
        entry[i] = a.positions().get(i).entryPrice();
      }
      out.add(new EngineState.Attested(a.venue(), a.sequence(), a.timestamp(), assets, amounts, symbols, qty, entry,
          HexFormat.of().formatHex(a.signature())));
    }
    return out;
  }

  /**
   * Gives the restored states their attested holdings again, resolved under the restored registry (every venue an
   * account holds attestations of is registered: registrations are never withdrawn).
   */
  static void restoreCrossVenue(List<AccountState> states, EngineState state, VenueRegistry venues) {
    for (int k = 0; k < states.size(); k++) {
      List<EngineState.Attested> list = state.accounts().get(k).attested();
      if (list == null) {
        continue;
      }
      List<VenueHoldings> holdings = new ArrayList<>();
      for (EngineState.Attested x : list) {
        List<Attestation.Balance> b = new ArrayList<>();
        for (int i = 0; i < x.assets().length; i++) {
          b.add(new Attestation.Balance(x.assets()[i], x.amounts()[i]));
        }
        List<Attestation.Holding> p = new ArrayList<>();
        for (int i = 0; i < x.instruments().length; i++) {
          p.add(new Attestation.Holding(x.instruments()[i], x.quantities()[i], x.entries()[i]));
        }
        Attestation a = new Attestation(x.venue(), states.get(k).id, x.sequence(), x.timestamp(), b, p,
            HexFormat.of().parseHex(x.signature()));
        Venue v = venues.venue(x.venue());
        if (v == null) {
          throw new IllegalArgumentException("account " + states.get(k).id + " holds an attestation of venue "
              + x.venue() + ", which is not registered");
        }
        holdings.add(VenueHoldings.resolve(a, v));
      }
      states.get(k).crossVenue = CrossVenue.of(holdings);
    }
  }

  /** The asset codes in bit order. */
  static List<String> bits(AssetBits bits) {
    return bits.order().stream().map(Asset::code).toList();
  }

  /** Gives the assets their bits again, in the exported order. */
  static void restoreBits(AssetBits bits, List<String> order) {
    for (String code : order) {
      bits.bit(Asset.of(code));
    }
  }
}
