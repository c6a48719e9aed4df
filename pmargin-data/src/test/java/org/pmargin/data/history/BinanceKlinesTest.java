package org.pmargin.data.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.CsvFiles;

/**
 * Binance klines without the network: URL building, parsing a canned three-bar response, paging through a fake
 * {@link BinanceKlines.Http}, and the CSV layout of {@code hourly/}.
 */
class BinanceKlinesTest {

  private static final Path CANNED = Path.of("src", "test", "resources", "history",
      "binance_klines_BTCUSDT_1h_3.json");
  private static final long HOUR = 3_600_000L;
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void shouldBuildTheKlinesUrl() {
    URI u = BinanceKlines.url("BTCUSDT", "1d", T0, Instant.parse("2024-02-01T00:00:00Z"), 1000);
    assertThat(u.toString()).isEqualTo("https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=1d"
        + "&startTime=1704067200000&endTime=1706745600000&limit=1000");
    assertThatThrownBy(() -> BinanceKlines.url("btc usdt", "1h", T0, T0, 10))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("symbol");
    assertThatThrownBy(() -> BinanceKlines.url("BTCUSDT", "7h", T0, T0, 10))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("interval");
    assertThatThrownBy(() -> BinanceKlines.url("BTCUSDT", "1h", T0, T0, 1001))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("limit");
  }

  @Test
  void shouldParseACannedThreeKlineResponse() throws Exception {
    List<BinanceKlines.Kline> k = BinanceKlines.parse(Files.readString(CANNED));
    assertThat(k).hasSize(3);
    assertThat(k.get(0).openTime()).isEqualTo(T0);
    assertThat(k.get(0).closeTime()).isEqualTo(Instant.parse("2024-01-01T00:59:59.999Z"));
    assertThat(k.get(0).open()).isEqualByComparingTo("42283.58");
    assertThat(k.get(1).high()).isEqualByComparingTo("42775");
    assertThat(k.get(2).close()).isEqualByComparingTo("42581.10");
    assertThat(k.get(2).volume()).isEqualByComparingTo(new BigDecimal("685.2114"));
  }

  @Test
  void shouldRejectAnErrorObject() {
    assertThatThrownBy(() -> BinanceKlines.parse("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Invalid symbol.");
    assertThatThrownBy(() -> BinanceKlines.parse("[[1,\"x\",\"1\",\"1\",\"1\",\"1\",2]]"))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("klines[0][1]");
  }

  @Test
  void shouldPageUntilAShortPageAndDropTheOpenBar() throws Exception {
    int total = 1000 + 3;
    List<URI> asked = new ArrayList<>();
    BinanceKlines.Http fake = uri -> {
      asked.add(uri);
      long start = Long.parseLong(param(uri, "startTime"));
      long end = Long.parseLong(param(uri, "endTime"));
      int limit = Integer.parseInt(param(uri, "limit"));
      StringBuilder sb = new StringBuilder("[");
      int n = 0;
      for (int i = 0; i < total && n < limit; i++) {
        long open = T0.toEpochMilli() + i * HOUR;
        if (open >= start && open <= end) {
          sb.append(n++ == 0 ? "" : ",").append(kline(open, 100 + i));
        }
      }
      return sb.append("]").toString();
    };
    Instant to = T0.plusMillis(total * HOUR);
    Instant now = T0.plusMillis((total - 1) * HOUR + 10); // the last bar is still open
    List<BinanceKlines.Kline> k = new BinanceKlines(fake).fetch("BTCUSDT", "1h", T0, to, now);
    assertThat(asked).hasSize(2);
    assertThat(param(asked.get(1), "startTime")).isEqualTo(String.valueOf(T0.toEpochMilli() + 999 * HOUR + 1));
    assertThat(k).hasSize(total - 1);
    for (int i = 1; i < k.size(); i++) {
      assertThat(k.get(i).openTime()).isEqualTo(k.get(i - 1).openTime().plusMillis(HOUR));
    }
  }

  @Test
  void shouldWriteTheHourlyLayout(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hourly").resolve("BTCUSDT_1h.csv");
    BinanceKlines.writeCsv(BinanceKlines.parse(Files.readString(CANNED)), file);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("timestamp_utc,open,high,low,close,volume_base");
    assertThat(lines.get(1)).isEqualTo("2024-01-01T00:00:00Z,42283.58,42554.57,42261.02,42475.23,1271.68108");
    assertThat(lines).hasSize(4);
    // same header as the shipped files, readable by the same reader
    List<Map<String, String>> rows = CsvFiles.read(file);
    assertThat(rows.get(2)).containsEntry("high", "42638.41").containsEntry("volume_base", "685.2114");
  }

  private static String kline(long open, double price) {
    return "[" + open + ",\"" + price + "\",\"" + (price + 1) + "\",\"" + (price - 1) + "\",\"" + price
        + "\",\"1.5\"," + (open + HOUR - 1) + ",\"0\",1,\"0\",\"0\",\"0\"]";
  }

  private static String param(URI uri, String name) {
    for (String p : uri.getQuery().split("&")) {
      if (p.startsWith(name + "=")) {
        return p.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }
}
