package org.pmargin.engine.venue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DatedFuture;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.instrument.Settlement;
import org.pmargin.core.instrument.Spot;
import org.pmargin.core.portfolio.Account;
import org.pmargin.core.portfolio.Portfolio;
import org.pmargin.core.portfolio.Position;
import org.pmargin.core.validation.InvalidInputException;

/**
 * What other venues attest an account holds, one accepted attestation per venue (sorted by venue id), and the one
 * risk profile it makes with the local book: {@link #union} is the account every margin model sees. Immutable: an
 * accepted attestation gives a new instance ({@link #with}).
 *
 * <p>The rules (docs/VENUES.md): attested positions join the local ones, netted per instrument, so the models offset
 * them as one portfolio; attested balances join the collateral, a positive one times {@code 1 - haircut} at the
 * attestation's age at the margin time, a negative one (a debt there) in full. From the venue's expiry on an
 * attestation credits nothing: its positive balances, long options and delta-one positions are dropped (no offset is
 * granted on a state nobody vouches for any more), while its debts and short options still count in full. Attested
 * options and futures that have expired at the margin time are left out (the venue settles them; its next
 * attestation carries the cash).
 */
public final class CrossVenue {

  private final List<VenueHoldings> holdings;

  private CrossVenue(List<VenueHoldings> holdings) {
    this.holdings = List.copyOf(holdings);
  }

  /** Holdings of the given venues (any order; one per venue). */
  public static CrossVenue of(List<VenueHoldings> holdings) {
    List<VenueHoldings> sorted = new ArrayList<>(holdings);
    sorted.sort((a, b) -> a.venue().id().compareTo(b.venue().id()));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).venue().id().equals(sorted.get(i - 1).venue().id())) {
        throw new IllegalArgumentException("two attestations of venue " + sorted.get(i).venue().id());
      }
    }
    return new CrossVenue(sorted);
  }

  /** The holdings, by venue id. */
  public List<VenueHoldings> holdings() {
    return holdings;
  }

  /** The accepted attestation of a venue, or null. */
  public Attestation last(String venue) {
    for (VenueHoldings h : holdings) {
      if (h.venue().id().equals(venue)) {
        return h.attestation();
      }
    }
    return null;
  }

  /** These holdings with a venue's replaced by (or joined by) the given ones. */
  public CrossVenue with(VenueHoldings h) {
    List<VenueHoldings> out = new ArrayList<>(holdings.size() + 1);
    for (VenueHoldings x : holdings) {
      if (!x.venue().id().equals(h.venue().id())) {
        out.add(x);
      }
    }
    out.add(h);
    return of(out);
  }

  /** These holdings with a venue's terms replaced (a re-registration), or this when it attests nothing here. */
  public CrossVenue under(Venue v) {
    boolean any = false;
    List<VenueHoldings> out = new ArrayList<>(holdings.size());
    for (VenueHoldings x : holdings) {
      boolean same = x.venue().id().equals(v.id());
      any |= same;
      out.add(same ? x.under(v) : x);
    }
    return any ? new CrossVenue(out) : this;
  }

  /** Every asset the attested holdings depend on (underlyings, settlement and quote assets, balances). */
  public List<Asset> assets() {
    List<Asset> out = new ArrayList<>();
    for (VenueHoldings h : holdings) {
      for (Instrument i : h.instruments()) {
        out.add(i.underlying());
        out.add(i.settlementAsset());
        out.add(i.quote());
      }
      out.addAll(h.assets());
    }
    return out;
  }

  /**
   * The account's one risk profile at a market time: the local positions and balances with the attested ones.
   *
   * @param local  the local account
   * @param asOf  the margin time (the engine's market time), which ages the attestations
   * @return the union, under the local account's id
   * @throws InvalidInputException when an attested instrument has a local namesake with another specification
   */
  public Account union(Account local, Instant asOf) {
    Map<String, Net> nets = new LinkedHashMap<>();
    for (Position p : local.portfolio().positions()) {
      nets.put(p.instrument().symbol(), new Net(p));
    }
    Map<Asset, Double> cash = new TreeMap<>(local.collateral());
    for (VenueHoldings h : holdings) {
      boolean expired = h.expiredAt(asOf);
      double keep = 1 - h.haircutAt(asOf);
      List<Attestation.Balance> balances = h.attestation().balances();
      for (int i = 0; i < balances.size(); i++) {
        double amount = balances.get(i).amount();
        if (amount < 0 || !expired) {
          cash.merge(h.assets().get(i), amount < 0 ? amount : amount * keep, Double::sum);
        }
      }
      List<Attestation.Holding> positions = h.attestation().positions();
      for (int i = 0; i < positions.size(); i++) {
        Instrument inst = h.instruments().get(i);
        Attestation.Holding p = positions.get(i);
        boolean shortOption = inst instanceof EuropeanOption && p.quantity() < 0;
        if (expiredInstrument(inst, asOf) || expired && !shortOption) {
          continue;
        }
        Net n = nets.get(inst.symbol());
        if (n == null) {
          nets.put(inst.symbol(), new Net(new Position(inst, p.quantity(), p.entryPrice())));
        } else if (!n.instrument.equals(inst)) {
          throw new InvalidInputException("positions." + inst.symbol(), "the attested instrument's specification "
              + "differs from the local one of that symbol");
        } else {
          n.add(p.quantity(), p.entryPrice());
        }
      }
    }
    List<Position> out = new ArrayList<>(nets.size());
    for (Net n : nets.values()) {
      n.into(out, cash);
    }
    return new Account(local.id(), new Portfolio(out), cash);
  }

  private static boolean expiredInstrument(Instrument inst, Instant asOf) {
    Instant e = switch (inst) {
      case EuropeanOption o -> o.expiryInstant();
      case DatedFuture f -> f.expiryInstant();
      default -> null;
    };
    return e != null && !e.isAfter(asOf);
  }

  /**
   * Positions of one instrument netted: the quantity summed, the first position's entry kept, and what the other
   * entries make the P&amp;L differ from that (a constant in the settlement asset) booked as cash, exactly: linear
   * {@code cs·(Q·e* − Σ q·e)}, inverse {@code cs·(Σ q/e − Q/e*)}; full-value instruments (spot, options) carry no
   * entry in their value.
   */
  private static final class Net {
    final Instrument instrument;
    final Position first;
    double quantity;
    double linear; // Σ q·e
    double inverse; // Σ q/e
    boolean merged;

    Net(Position p) {
      this.instrument = p.instrument();
      this.first = p;
      this.quantity = p.quantity();
      this.linear = p.quantity() * p.entryPrice();
      this.inverse = p.entryPrice() == 0 ? 0 : p.quantity() / p.entryPrice();
    }

    void add(double q, double entry) {
      merged = true;
      quantity += q;
      linear += q * entry;
      inverse += entry == 0 ? 0 : q / entry;
    }

    void into(List<Position> out, Map<Asset, Double> cash) {
      if (!merged) {
        out.add(first);
        return;
      }
      boolean fullValue = instrument instanceof EuropeanOption || instrument instanceof Spot;
      double e = first.entryPrice();
      double cs = instrument.contractSize();
      boolean flat = Math.abs(quantity) <= 1e-12 * Math.abs(first.quantity());
      double q = flat ? 0 : quantity;
      if (!fullValue) {
        double adjust = instrument.settlement() == Settlement.INVERSE ? cs * (inverse - q / e) : cs * (q * e - linear);
        if (adjust != 0) {
          cash.merge(instrument.settlementAsset(), adjust, Double::sum);
        }
      }
      if (!flat) {
        out.add(new Position(instrument, q, e));
      }
    }
  }
}
