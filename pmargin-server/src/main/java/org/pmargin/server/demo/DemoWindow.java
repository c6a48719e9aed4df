package org.pmargin.server.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.market.ForwardCurve;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.stress.CrashWindow;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;
import org.pmargin.data.history.HistoryStore;
import org.pmargin.data.history.HourlyBar;
import org.pmargin.data.history.StressEventsCsv;
import org.pmargin.engine.replay.LiveCrashReplay;
import org.pmargin.server.service.Canonical;
import tools.jackson.databind.node.ObjectNode;

/**
 * The crash window the demo replays, from a data directory: the stress event's days (the first {@code days} of
 * them), the hourly bars and vol index of BTC and ETH over it, and the market at its start as {@link
 * LiveCrashReplay#startMarket} builds it (index at the first bar's open, three dated forwards, a flat vol at the
 * previous day's DVOL close), which a demo store is initialised with.
 *
 * @param id  the stress event's id, e.g. {@code ftx_collapse}
 * @param start  the first instant replayed
 * @param end  the last instant replayed
 * @param bars  the hourly bars in the window, by coin
 * @param volIndex  the daily vol index closes, by coin
 * @param market  the market at the start
 * @param description  the stress event's description
 */
public record DemoWindow(String id, Instant start, Instant end, Map<Asset, List<HourlyBar>> bars,
    Map<Asset, PriceSeries> volIndex, MarketSnapshot market, String description) {

  /** The window the demo replays by default: the FTX collapse of November 2022. */
  public static final String DEFAULT = "ftx_collapse";

  /** Copies (in coin order). */
  public DemoWindow {
    bars = java.util.Collections.unmodifiableMap(new TreeMap<>(bars));
    volIndex = java.util.Collections.unmodifiableMap(new TreeMap<>(volIndex));
  }

  /**
   * Reads a window.
   *
   * @param dataDir  the data directory (stress_events.csv, hourly bars, vol index)
   * @param id  the stress event's id
   * @param days  how many days from its start, &ge; 1 (capped at its end)
   * @return the window
   * @throws InvalidInputException naming the field when the event or its data is missing
   */
  public static DemoWindow read(Path dataDir, String id, int days) {
    Checks.notNull(dataDir, "data_dir");
    Checks.require(days >= 1, "demo_days", "must be >= 1, got " + days);
    CrashWindow w = StressEventsCsv.read(dataDir).stream().filter(x -> x.id().equals(id)).findFirst()
        .orElseThrow(() -> new InvalidInputException("window", "no stress event '" + id + "' in "
            + dataDir.resolve("stress_events.csv")));
    HistoryStore store = HistoryStore.loadFrom(dataDir);
    Instant start = w.start().atStartOfDay(ZoneOffset.UTC).toInstant();
    LocalDate last = w.start().plusDays(days - 1L);
    if (last.isAfter(w.end())) {
      last = w.end();
    }
    Instant end = last.atTime(23, 45).toInstant(ZoneOffset.UTC);
    Map<Asset, List<HourlyBar>> bars = new TreeMap<>();
    Map<Asset, PriceSeries> vols = new LinkedHashMap<>();
    for (Asset coin : List.of(Asset.BTC, Asset.ETH)) {
      List<HourlyBar> in = store.hourlyBars(coin).stream().filter(b -> !b.open().isBefore(start)
          && !b.open().isAfter(end)).toList();
      if (!in.isEmpty()) {
        bars.put(coin, in);
        vols.put(coin, store.find(HistoryStore.Source.VOL_INDEX, Asset.of(coin.code() + "DVOL")).orElseThrow(
            () -> new InvalidInputException("vol_index." + coin, "no " + coin + "DVOL series in " + dataDir)));
      }
    }
    if (bars.isEmpty()) {
      throw new InvalidInputException("hourly", "no hourly bars between " + start + " and " + end + " in "
          + dataDir.resolve("hourly"));
    }
    return new DemoWindow(id, start, end, bars, vols, LiveCrashReplay.startMarket(bars, vols, start),
        w.description());
  }

  /** The number of market steps of {@code step} from the start to the end. */
  public long steps(Duration step) {
    return Duration.between(start, end).toSeconds() / step.toSeconds();
  }

  /**
   * The start market in the market snapshot format (docs/FORMATS.md), read back bit for bit by {@link
   * org.pmargin.data.MarketSnapshotJson}: the demo store's initial market.
   */
  public String marketJson() {
    MarketSnapshot m = market;
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("version", 1);
    root.put("as_of", m.asOf().toString());
    root.put("snapshot_version", m.version());
    root.put("rate", m.rate());
    ObjectNode prices = root.putObject("prices");
    m.assetPrices().forEach((a, p) -> prices.put(a.code(), p));
    ObjectNode us = root.putObject("underlyings");
    for (UnderlyingMarket u : m.underlyings().values()) {
      ObjectNode n = us.putObject(u.underlying().code());
      n.put("index", u.index());
      n.put("perpetual_mark", u.perpetualMark());
      n.put("funding_rate_8h", u.fundingRate8h());
      var fw = n.putArray("forwards");
      for (ForwardCurve.ForwardPoint p : u.forwards().points()) {
        fw.addObject().put("expiry", p.expiry().toString()).put("price", p.price());
      }
      n.put("vol", LiveCrashReplay.vol(volIndex, u.underlying(), start));
    }
    root.put("description", "pmargin serve --demo: " + id + " at " + start);
    return Canonical.write(root);
  }
}
