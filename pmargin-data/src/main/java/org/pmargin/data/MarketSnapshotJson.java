package org.pmargin.data;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.DeliveryPrice;
import org.pmargin.core.market.FlatSmile;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.Smile;
import org.pmargin.core.market.StrikeSmile;
import org.pmargin.core.market.SviSmile;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a market snapshot file (format version 1, documented in {@code docs/FORMATS.md}), with the delivery prices
 * of expiries already passed ({@code delivery_prices}), to settle expired positions with.
 */
public final class MarketSnapshotJson {

  private static final Set<String> TOP = Set.of("version", "as_of", "snapshot_version", "rate", "prices",
      "underlyings", "delivery_prices", "description");
  private static final Set<String> DELIVERY = Set.of("underlying", "expiry", "price", "source");
  private static final Set<String> UNDERLYING = Set.of("index", "perpetual_mark", "funding_rate_8h", "forwards",
      "vol", "vol_surface");
  private static final Set<String> SLICE = Set.of("expiry", "atm_vol", "svi", "strikes", "vols");

  private MarketSnapshotJson() {
  }

  /** Reads a snapshot from a file. */
  public static MarketSnapshot read(Path file) {
    return Json.read(file, MarketSnapshotJson::read);
  }

  /**
   * Reads a snapshot from a parsed document.
   *
   * @param root  the top-level object
   * @return the snapshot
   * @throws InvalidInputException naming the offending field by its path
   */
  public static MarketSnapshot read(JsonNode root) {
    Fields doc = Fields.of(root, "").onlyKnown(TOP);
    FormatVersion.check(doc, "market snapshot");
    Instant asOf = doc.instant("as_of");
    long version = doc.integer("snapshot_version", 0);
    double rate = doc.number("rate", 0.0);
    Map<Asset, Double> prices = new LinkedHashMap<>();
    if (doc.has("prices")) {
      Fields p = doc.object("prices");
      for (String name : p.node().propertyNames()) {
        prices.put(asset(name, p.pathOf(name)), p.number(name));
      }
    }
    Map<Asset, UnderlyingMarket> underlyings = new LinkedHashMap<>();
    Fields u = doc.object("underlyings");
    for (String name : u.node().propertyNames()) {
      Asset asset = asset(name, u.pathOf(name));
      underlyings.put(asset, underlying(asset, u.object(name), asOf));
    }
    return new MarketSnapshot(asOf, version, rate, underlyings, prices, deliveryPrices(doc));
  }

  /**
   * The {@code delivery_prices} array of an object (the market file's, or an engine script's market event), empty
   * when absent.
   *
   * @param doc  the object holding the field
   * @return the delivery prices, in order (the snapshot checks duplicates and expiries against its time)
   * @throws InvalidInputException naming {@code delivery_prices[i].field}
   */
  public static List<DeliveryPrice> deliveryPrices(Fields doc) {
    List<DeliveryPrice> delivery = new ArrayList<>();
    if (doc.has("delivery_prices")) {
      for (Fields d : doc.objects("delivery_prices")) {
        d.onlyKnown(DELIVERY);
        try {
          delivery.add(new DeliveryPrice(asset(d.text("underlying"), d.pathOf("underlying")), d.instant("expiry"),
              d.number("price"), d.text("source", "market file")));
        } catch (InvalidInputException e) {
          throw d.locate(e);
        }
      }
    }
    return delivery;
  }

  private static UnderlyingMarket underlying(Asset asset, Fields f, Instant asOf) {
    f.onlyKnown(UNDERLYING);
    try {
      double index = f.number("index");
      List<ForwardCurve.ForwardPoint> points = new ArrayList<>();
      if (f.has("forwards")) {
        for (Fields p : f.objects("forwards")) {
          p.onlyKnown(Set.of("expiry", "price"));
          points.add(new ForwardCurve.ForwardPoint(p.instant("expiry"), p.number("price")));
        }
      }
      ForwardCurve curve = new ForwardCurve(asOf, index, points);
      VolSurface surface;
      if (f.has("vol") && f.has("vol_surface")) {
        throw new InvalidInputException(f.pathOf("vol"), "give either 'vol' (flat) or 'vol_surface', not both");
      } else if (f.has("vol")) {
        surface = VolSurface.flat(asOf, f.number("vol"));
      } else {
        surface = surface(f.object("vol_surface"), curve, asOf);
      }
      return new UnderlyingMarket(asset, curve, f.number("perpetual_mark", index), f.number("funding_rate_8h", 0.0),
          surface);
    } catch (InvalidInputException e) {
      throw f.locate(e);
    }
  }

  private static VolSurface surface(Fields f, ForwardCurve curve, Instant asOf) {
    f.onlyKnown(Set.of("expiries"));
    List<VolSurface.Slice> slices = new ArrayList<>();
    for (Fields s : f.objects("expiries")) {
      s.onlyKnown(SLICE);
      Instant expiry = s.instant("expiry");
      double t = YearFraction.between(asOf, expiry);
      if (!(t > 0)) {
        throw new InvalidInputException(s.pathOf("expiry"), "must be after as_of " + asOf + ", got " + expiry);
      }
      int kinds = (s.has("atm_vol") ? 1 : 0) + (s.has("svi") ? 1 : 0) + (s.has("strikes") ? 1 : 0);
      if (kinds != 1) {
        throw new InvalidInputException(s.pathOf("expiry"),
            "each expiry needs exactly one of 'atm_vol', 'svi', or 'strikes' with 'vols'");
      }
      Smile smile;
      try {
        if (s.has("atm_vol")) {
          smile = new FlatSmile(s.number("atm_vol"));
        } else if (s.has("svi")) {
          Fields p = s.object("svi").onlyKnown(Set.of("a", "b", "rho", "m", "sigma"));
          smile = new SviSmile(p.number("a"), p.number("b"), p.number("rho"), p.number("m"), p.number("sigma"));
        } else {
          smile = StrikeSmile.of(curve.forward(expiry), t, s.numbers("strikes"), s.numbers("vols"));
        }
      } catch (InvalidInputException e) {
        throw s.locate(e);
      }
      slices.add(new VolSurface.Slice(expiry, smile));
    }
    try {
      return new VolSurface(asOf, slices);
    } catch (InvalidInputException e) {
      throw f.locate(e);
    }
  }

  private static Asset asset(String name, String path) {
    try {
      return Asset.of(name);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(path, e.reason());
    }
  }
}
