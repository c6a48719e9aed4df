package org.pmargin.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmargin.core.history.PriceSeries;
import org.pmargin.core.history.ProxiedVolIndex;
import org.pmargin.core.instrument.Asset;
import org.pmargin.data.history.HistoryStore;
import org.pmargin.data.history.HourlyBar;

/**
 * What a crash replay reads of the data directory per coin: the hourly bars and the vol index (DVOL extended back
 * with its realised-vol proxy), for the coins that have both and daily closes; shared by {@code pmargin cascade} and
 * {@code pmargin adaptive}.
 *
 * @param bars  hourly bars by coin
 * @param vols  vol index levels by coin
 */
record CascadeInputs(Map<Asset, List<HourlyBar>> bars, Map<Asset, PriceSeries> vols) {

  /** The inputs of the given coins, in their order (a coin without bars, closes or DVOL is left out). */
  static CascadeInputs load(HistoryStore store, Collection<Asset> coins) {
    Map<Asset, List<HourlyBar>> bars = new LinkedHashMap<>();
    Map<Asset, PriceSeries> vols = new LinkedHashMap<>();
    for (Asset coin : coins) {
      List<HourlyBar> b = store.hourlyBars(coin);
      PriceSeries daily = store.find(HistoryStore.Source.DAILY, coin).orElse(null);
      PriceSeries dvol = store.find(HistoryStore.Source.VOL_INDEX, Asset.of(coin.code() + "DVOL")).orElse(null);
      if (!b.isEmpty() && daily != null && dvol != null) {
        bars.put(coin, b);
        vols.put(coin, ProxiedVolIndex.extend(daily, dvol, ProxiedVolIndex.DEFAULT_RV_DAYS).levels());
      }
    }
    return new CascadeInputs(bars, vols);
  }
}
