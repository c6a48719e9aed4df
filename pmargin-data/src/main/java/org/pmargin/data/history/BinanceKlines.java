package org.pmargin.data.history;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Fetches spot klines (OHLCV bars) from Binance's public REST endpoint
 * ({@code GET https://api.binance.com/api/v3/klines}, no key needed) and writes them in the layout of the data
 * directory's {@code hourly/} files ({@code timestamp_utc,open,high,low,close,volume_base}, bar open times in UTC,
 * prices in the quote asset, volume in the base asset). It exists so that a user with internet access can extend
 * or re-create the shipped hourly files with one command:
 *
 * <pre>
 * java -cp pmargin-data/target/classes:... org.pmargin.data.history.BinanceKlines BTCUSDT 1h 2025-12-01 2026-01-01 [data-dir]
 * </pre>
 *
 * <p>which writes {@code <data-dir>/hourly/BTCUSDT_1h.csv} (end date exclusive). Binance returns at most
 * {@value #LIMIT} bars per request, so the fetch pages forward from the last bar's open time; bars that have not
 * closed yet at the fetch time are discarded (as for the shipped files). Prices are copied as Binance prints them
 * (trailing zeros removed), never re-rounded. HTTP is behind {@link Http} so that tests inject a canned response.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class BinanceKlines {

  /** The public klines endpoint. */
  public static final String ENDPOINT = "https://api.binance.com/api/v3/klines";

  /** The largest page Binance serves. */
  public static final int LIMIT = 1000;

  /** The CSV header of the written files, as in {@code hourly/}. */
  public static final List<String> COLUMNS = List.of("timestamp_utc", "open", "high", "low", "close", "volume_base");

  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");
  private static final Pattern INTERVAL = Pattern.compile("1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1M");
  private static final CsvMapper CSV = CsvMapper.builder().build();

  /** One HTTP GET returning the body; anything but a 2xx status is an {@link IOException}. */
  @FunctionalInterface
  public interface Http {
    /**
     * Fetches a URL.
     *
     * @param uri  the URL
     * @return the response body
     * @throws IOException on a network failure or a non-2xx status
     * @throws InterruptedException when interrupted
     */
    String get(URI uri) throws IOException, InterruptedException;

    /** The JDK's {@link HttpClient}, 30 s timeout. */
    static Http jdk() {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
      return uri -> {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (resp.statusCode() / 100 != 2) {
          throw new IOException("HTTP " + resp.statusCode() + " from " + uri + ": " + resp.body());
        }
        return resp.body();
      };
    }
  }

  /**
   * One kline as Binance prints it.
   *
   * @param openTime  the bar's open time
   * @param open  the open, as printed
   * @param high  the high, as printed
   * @param low  the low, as printed
   * @param close  the close, as printed
   * @param volume  the base-asset volume, as printed
   * @param closeTime  the bar's last millisecond
   */
  public record Kline(Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
      BigDecimal volume, Instant closeTime) {

    /** Validates the fields. */
    public Kline {
      Checks.notNull(openTime, "openTime");
      Checks.notNull(open, "open");
      Checks.notNull(high, "high");
      Checks.notNull(low, "low");
      Checks.notNull(close, "close");
      Checks.notNull(volume, "volume");
      Checks.notNull(closeTime, "closeTime");
    }

    /** The row of the CSV layout. */
    Map<String, String> row() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("timestamp_utc", openTime.toString());
      m.put("open", plain(open));
      m.put("high", plain(high));
      m.put("low", plain(low));
      m.put("close", plain(close));
      m.put("volume_base", plain(volume));
      return m;
    }
  }

  private final Http http;

  /**
   * Creates a fetcher.
   *
   * @param http  the HTTP access ({@link Http#jdk()} for the real endpoint)
   */
  public BinanceKlines(Http http) {
    this.http = Checks.notNull(http, "http");
  }

  /**
   * The URL of one page.
   *
   * @param symbol  e.g. {@code BTCUSDT}
   * @param interval  Binance's interval code, e.g. {@code 1h}, {@code 1d}
   * @param startTime  the first open time wanted (inclusive)
   * @param endTime  the last open time wanted (inclusive, as Binance reads {@code endTime})
   * @param limit  the page size, 1 to {@value #LIMIT}
   * @return the URL
   */
  public static URI url(String symbol, String interval, Instant startTime, Instant endTime, int limit) {
    Checks.require(symbol != null && SYMBOL.matcher(symbol).matches(), "symbol",
        "must be an upper-case Binance symbol like BTCUSDT, got '" + symbol + "'");
    Checks.require(interval != null && INTERVAL.matcher(interval).matches(), "interval",
        "must be a Binance interval (1m, 1h, 1d, ...), got '" + interval + "'");
    Checks.notNull(startTime, "startTime");
    Checks.notNull(endTime, "endTime");
    Checks.require(!endTime.isBefore(startTime), "endTime", "must not be before startTime");
    Checks.require(limit >= 1 && limit <= LIMIT, "limit", "must be in [1, " + LIMIT + "], got " + limit);
    return URI.create(ENDPOINT + "?symbol=" + symbol + "&interval=" + interval + "&startTime="
        + startTime.toEpochMilli() + "&endTime=" + endTime.toEpochMilli() + "&limit=" + limit);
  }

  /**
   * Parses one response: a JSON array of arrays
   * {@code [openTime, "open", "high", "low", "close", "volume", closeTime, ...]}.
   *
   * @param json  the response body
   * @return the klines in response order
   * @throws InvalidInputException naming {@code klines} for an error object ({@code {"code":..,"msg":..}}) or a
   *     malformed response
   */
  public static List<Kline> parse(String json) {
    JsonNode root = Json.parse(json);
    if (root.isObject()) {
      throw new InvalidInputException("klines", "Binance error " + root.path("code") + ": " + root.path("msg"));
    }
    if (!root.isArray()) {
      throw new InvalidInputException("klines", "must be a JSON array of klines");
    }
    List<Kline> out = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode k = root.get(i);
      String where = "klines[" + i + "]";
      if (!k.isArray() || k.size() < 7 || !k.get(0).isIntegralNumber() || !k.get(6).isIntegralNumber()) {
        throw new InvalidInputException(where, "must be [openTime, open, high, low, close, volume, closeTime, ...]");
      }
      out.add(new Kline(Instant.ofEpochMilli(k.get(0).asLong()), decimal(k.get(1), where + "[1]"),
          decimal(k.get(2), where + "[2]"), decimal(k.get(3), where + "[3]"), decimal(k.get(4), where + "[4]"),
          decimal(k.get(5), where + "[5]"), Instant.ofEpochMilli(k.get(6).asLong())));
    }
    return out;
  }

  /**
   * Fetches every closed bar with open time in [from, to), paging {@value #LIMIT} bars at a time.
   *
   * @param symbol  e.g. {@code BTCUSDT}
   * @param interval  e.g. {@code 1h}
   * @param from  the first open time (inclusive)
   * @param to  the end (exclusive)
   * @param now  the fetch time: bars whose close time is not before it are still open and discarded
   * @return the bars in time order
   * @throws IOException when a request fails
   * @throws InterruptedException when interrupted
   */
  public List<Kline> fetch(String symbol, String interval, Instant from, Instant to, Instant now)
      throws IOException, InterruptedException {
    Checks.require(to.isAfter(from), "to", "must be after from");
    Instant last = to.minusMillis(1);
    List<Kline> out = new ArrayList<>();
    Instant start = from;
    while (!start.isAfter(last)) {
      List<Kline> page = parse(http.get(url(symbol, interval, start, last, LIMIT)));
      for (Kline k : page) {
        boolean fresh = out.isEmpty() || k.openTime().isAfter(out.get(out.size() - 1).openTime());
        if (fresh && !k.openTime().isBefore(from) && k.openTime().isBefore(to) && k.closeTime().isBefore(now)) {
          out.add(k);
        }
      }
      if (page.size() < LIMIT) {
        break;
      }
      Instant next = page.get(page.size() - 1).openTime().plusMillis(1);
      if (!next.isAfter(start)) {
        throw new IOException("Binance paging made no progress at " + start);
      }
      start = next;
    }
    return out;
  }

  /**
   * Writes klines as CSV in the {@code hourly/} layout (header {@link #COLUMNS}).
   *
   * @param klines  the bars, in time order
   * @param file  the file, created or replaced
   * @throws IOException when it cannot be written
   */
  public static void writeCsv(List<Kline> klines, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toCsv(klines), StandardCharsets.UTF_8);
  }

  /** The CSV text of {@link #writeCsv}. */
  public static String toCsv(List<Kline> klines) {
    CsvSchema.Builder b = CsvSchema.builder();
    COLUMNS.forEach(b::addColumn);
    CsvSchema schema = b.build().withHeader().withLineSeparator("\n");
    try {
      return CSV.writer(schema).writeValueAsString(klines.stream().map(Kline::row).toList());
    } catch (JacksonException e) {
      throw new InvalidInputException("klines", "cannot write CSV: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Fetches from Binance and writes {@code <data-dir>/hourly/<SYMBOL>_<interval>.csv}.
   *
   * @param args  symbol, interval, first date, end date (exclusive, ISO), optional data directory
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 4 || args.length > 5) {
      System.err.println("usage: BinanceKlines SYMBOL INTERVAL FROM_DATE TO_DATE_EXCLUSIVE [DATA_DIR]");
      System.err.println("  e.g. BinanceKlines BTCUSDT 1h 2025-12-01 2026-01-01");
      System.exit(2);
      return;
    }
    Path dir = args.length == 5 ? Path.of(args[4]) : DataDirectory.find(null).orElse(Path.of("data"));
    Instant from = LocalDate.parse(args[2]).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = LocalDate.parse(args[3]).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Kline> klines = new BinanceKlines(Http.jdk()).fetch(args[0], args[1], from, to, Instant.now());
    Path file = dir.resolve("hourly").resolve(args[0] + "_" + args[1] + ".csv");
    writeCsv(klines, file);
    System.out.println("wrote " + klines.size() + " bars to " + file);
  }

  private static BigDecimal decimal(JsonNode n, String where) {
    if (!n.isString() && !n.isNumber()) {
      throw new InvalidInputException(where, "must be a decimal string, got " + n);
    }
    try {
      BigDecimal d = new BigDecimal(n.isString() ? n.stringValue() : n.asString());
      if (d.signum() < 0) {
        throw new InvalidInputException(where, "must not be negative, got " + d);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(where, "must be a decimal, got " + n);
    }
  }

  private static String plain(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }
}
