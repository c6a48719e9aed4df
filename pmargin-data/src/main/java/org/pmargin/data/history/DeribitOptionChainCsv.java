package org.pmargin.data.history;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.EuropeanOption;
import org.pmargin.core.instrument.Instrument;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.StrikeSmile;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.market.VolSurface;
import org.pmargin.core.time.YearFraction;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.CsvFiles;
import org.pmargin.data.DataFiles;

/**
 * Reads the Deribit BTC near-the-money option snapshot of the data directory
 * ({@code options/deribit_BTC_options_near_money_2026-03-01.csv}: Deribit's ticker with mark, mark IV and Greeks)
 * and builds a market snapshot from it.
 *
 * <p>The file does not record its capture time; the data README places it at about 2026-03-01 13:45 UTC, which is
 * {@link #ASSUMED_AS_OF}.
 */
public final class DeribitOptionChainCsv {

  /** The file, relative to the data directory. */
  public static final Path FILE = Path.of("options", "deribit_BTC_options_near_money_2026-03-01.csv");

  /** The capture time the data README infers for the file. */
  public static final Instant ASSUMED_AS_OF = Instant.parse("2026-03-01T13:45:00Z");

  private DeribitOptionChainCsv() {
  }

  /**
   * Reads every quote of the file.
   *
   * @param dataDir  the data directory
   * @return the quotes in file order
   */
  public static List<DeribitOptionQuote> read(Path dataDir) {
    Path file = DataFiles.resolve(dataDir.resolve(FILE));
    List<DeribitOptionQuote> out = new ArrayList<>();
    int n = 1;
    for (Map<String, String> row : CsvFiles.read(file)) {
      n++;
      String where = file.getFileName() + " line " + n;
      Instrument instrument = DeribitSymbols.parse(row.get("instrument_name"));
      if (!(instrument instanceof EuropeanOption option)) {
        throw new InvalidInputException("instrument_name", "is not an option in " + where);
      }
      out.add(new DeribitOptionQuote(option, CsvFiles.number(row, "underlying_price", where),
          CsvFiles.number(row, "spot_ref", where), CsvFiles.number(row, "mark_price", where),
          CsvFiles.number(row, "mark_iv", where) / 100, CsvFiles.number(row, "delta", where),
          CsvFiles.number(row, "gamma", where), CsvFiles.number(row, "vega", where),
          CsvFiles.number(row, "theta", where), option.expiryInstant()));
    }
    return out;
  }

  /**
   * A market snapshot for BTC built from the quotes: the index is the spot reference, the forward of each expiry
   * is the average underlying price of its rows, and each expiry's smile interpolates the calls' mark IVs by
   * strike.
   *
   * @param quotes  the quotes
   * @param asOf  the valuation time
   * @return the snapshot
   */
  public static MarketSnapshot snapshot(List<DeribitOptionQuote> quotes, Instant asOf) {
    if (quotes.isEmpty()) {
      throw new InvalidInputException("quotes", "no option quotes");
    }
    double index = quotes.get(0).indexPrice();
    Map<Instant, List<DeribitOptionQuote>> byExpiry = new TreeMap<>();
    for (DeribitOptionQuote q : quotes) {
      byExpiry.computeIfAbsent(q.expiry(), k -> new ArrayList<>()).add(q);
    }
    List<ForwardCurve.ForwardPoint> forwards = new ArrayList<>();
    List<VolSurface.Slice> slices = new ArrayList<>();
    for (Map.Entry<Instant, List<DeribitOptionQuote>> e : byExpiry.entrySet()) {
      double forward = e.getValue().stream().mapToDouble(DeribitOptionQuote::underlyingPrice).average().orElseThrow();
      forwards.add(new ForwardCurve.ForwardPoint(e.getKey(), forward));
      TreeMap<Double, Double> ivByStrike = new TreeMap<>();
      for (DeribitOptionQuote q : e.getValue()) {
        if (q.option().type().isCall()) {
          ivByStrike.put(q.option().strike(), q.markIv());
        }
      }
      double[] strikes = ivByStrike.keySet().stream().mapToDouble(Double::doubleValue).toArray();
      double[] vols = ivByStrike.values().stream().mapToDouble(Double::doubleValue).toArray();
      double t = YearFraction.between(asOf, e.getKey());
      slices.add(new VolSurface.Slice(e.getKey(), StrikeSmile.of(forward, t, strikes, vols)));
    }
    ForwardCurve curve = new ForwardCurve(asOf, index, forwards);
    UnderlyingMarket btc = new UnderlyingMarket(Asset.BTC, curve, index, 0.0, new VolSurface(asOf, slices));
    return new MarketSnapshot(asOf, 0, 0.0, Map.of(Asset.BTC, btc), Map.of(Asset.USDC, 1.0));
  }
}
