package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulation margin uses no close from after the snapshot (issue 13): the window's cut-off on a snapshot in the
 * middle of the history, --from/--to/--lookback-days honoured and refused, the COVID crash in a perpetual book's
 * scenarios, the realised-vol proxy of an option book before DVOL, and the horizon by class. Expected counts and
 * figures come straight from the shipped daily files, read here line by line, not through the engine's readers.
 */
class SimulationHistoryWindowTest {

  private static final Path DATA = DataDirectory.shipped().orElseThrow();
  private static final Path EXAMPLE_MARKET = Path.of("..", "examples", "market", "deribit-2024-06-17.json");
  private static final String STRADDLE = Path.of("..", "examples", "strategies", "short-straddle.json").toString();

  @TempDir
  static Path dir;

  private static String market2024;
  private static String market2022;
  private static String btcPerp;
  private static String solPerp;

  @BeforeAll
  static void writeInputs() throws IOException {
    market2024 = market("2024-06-17T10:22:20Z", "m2024.json");
    market2022 = market("2022-06-15T12:00:00Z", "m2022.json");
    // about 65,670 USD long BTC through the inverse perpetual (10 USD a contract), USD cash: one factor, BTC
    btcPerp = write("btc-perp.json", "{\"version\":1,\"account\":\"btc-perp\",\"collateral\":{\"USD\":100000.0},"
        + "\"positions\":[{\"instrument\":\"BTC-PERPETUAL\",\"quantity\":6567,\"entry_price\":65690.0}]}");
    // 100 SOL (10,000 contracts of 0.01 SOL) through the USDC-margined perpetual: one factor, SOL (class alts)
    solPerp = write("sol-perp.json", "{\"version\":1,\"account\":\"sol-perp\",\"collateral\":{\"USD\":100000.0},"
        + "\"positions\":[{\"instrument\":\"SOL_USDC-PERPETUAL\",\"quantity\":10000,\"entry_price\":145.0}]}");
  }

  /** The example market at another time, with flat 60% smiles (its smiles fit their own tenors only), plus SOL. */
  private static String market(String asOf, String name) throws IOException {
    ObjectNode m = (ObjectNode) Json.parse(Files.readString(EXAMPLE_MARKET));
    m.put("as_of", asOf);
    ObjectNode underlyings = (ObjectNode) m.get("underlyings");
    for (var e : underlyings.properties()) {
      ArrayNode expiries = (ArrayNode) e.getValue().get("vol_surface").get("expiries");
      for (int i = 0; i < expiries.size(); i++) {
        expiries.set(i, Json.MAPPER.createObjectNode().put("expiry", expiries.get(i).get("expiry").asString())
            .put("atm_vol", 0.6));
      }
    }
    ObjectNode sol = underlyings.putObject("SOL");
    sol.put("index", 145.0).put("perpetual_mark", 145.0).put("funding_rate_8h", 0.0);
    sol.putObject("vol_surface").putArray("expiries").addObject().put("expiry", "2024-09-27T08:00:00Z")
        .put("atm_vol", 0.8);
    return write(name, Json.MAPPER.writeValueAsString(m));
  }

  private static String write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p.toString();
  }

  /** The closes of a shipped daily file dated from..to (ISO strings compare as dates), in file order. */
  private static double[] closes(String asset, String from, String to) throws IOException {
    List<Double> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(DATA.resolve("daily").resolve(asset + ".csv.gz"))), StandardCharsets.UTF_8))) {
      r.readLine(); // date,open,high,low,close,volume_usd
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",");
        if (f[0].compareTo(from) >= 0 && f[0].compareTo(to) <= 0) {
          out.add(Double.parseDouble(f[4]));
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static JsonNode simulation(String... extra) {
    List<String> args = new ArrayList<>(List.of("margin", "--model", "simulation", "--data-dir", DATA.toString(),
        "--format", "json"));
    args.addAll(Arrays.asList(extra));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Json.parse(run.out()).get(0);
  }

  private static String esExplanation(JsonNode result) {
    return result.get("pools").get(0).get("components").get(0).get("explanation").asString();
  }

  private static double es(JsonNode result) {
    return result.get("pools").get(0).get("components").get(0).get("initial").asDouble();
  }

  @Test
  void shouldUseNoCloseAfterTheDayBeforeAMidHistorySnapshot() throws IOException {
    JsonNode past = simulation("-p", btcPerp, "-m", market2022, "--scenarios", "historical");
    JsonNode history = past.get("history");
    assertThat(history.get("to").asString()).isEqualTo("2022-06-14");
    assertThat(history.get("cut_off").asString()).isEqualTo("2022-06-14");
    assertThat(history.get("from").isNull()).isTrue();
    // every BTC close of the file up to 2022-06-14 and none after: closes - 1 one-day returns
    int closes = closes("BTC", "0000", "2022-06-14").length;
    assertThat(closes).isEqualTo(2828);
    assertThat(esExplanation(past)).contains("over " + (closes - 1) + " scenarios (historical 1d 2014-09-17.."
        + "2022-06-14)");
    assertThat(history.get("text").asString()).contains(
        "history window start of data..2022-06-14 (cut at snapshot as_of 2022-06-15T12:00:00Z)",
        "cut by the window: celsius_3ac to 2022-06-10..2022-06-14",
        "skipped: ftx_collapse, usdc_svb_depeg, yen_carry_unwind, oct_2025_liquidation_cascade",
        "liquidity: average volume of the last 30 daily rows up to 2022-06-14");
    // nothing from FTX (2022-11) can drive it; the same book at 2024-06-17 sees two more years
    // (the data directory's cleaning report lists every file's entries, later ones too: not what the margin used)
    tools.jackson.databind.node.ObjectNode used = (tools.jackson.databind.node.ObjectNode) past.deepCopy();
    used.remove("data");
    assertThat(used.toString()).doesNotContain("2022-11", "ftx_collapse:");
    JsonNode now = simulation("-p", btcPerp, "-m", market2024, "--scenarios", "historical");
    assertThat(esExplanation(now)).contains("over " + (closes("BTC", "0000", "2024-06-16").length - 1)
        + " scenarios (historical 1d 2014-09-17..2024-06-16)");
    assertThat(es(past)).isNotCloseTo(es(now), within(1.0));
    assertThat(past.get("initial_margin_usd").asDouble()).isNotEqualTo(now.get("initial_margin_usd").asDouble());
  }

  @Test
  void shouldHonourFromToAndLookbackDays() throws IOException {
    JsonNode year2020 = simulation("-p", btcPerp, "-m", market2024, "--scenarios", "historical", "--no-add-ons",
        "--from", "2020-01-01", "--to", "2020-12-31");
    // 2020 is a leap year: 366 closes, 365 one-day returns
    assertThat(closes("BTC", "2020-01-01", "2020-12-31")).hasSize(366);
    assertThat(esExplanation(year2020)).contains("over 365 scenarios (historical 1d 2020-01-01..2020-12-31)");
    assertThat(year2020.get("history").get("text").asString()).contains("history window 2020-01-01..2020-12-31 "
        + "(--to; cut-off 2024-06-16 for snapshot as_of 2024-06-17T10:22:20Z)");
    // 365 days of returns ending at the cut-off 2024-06-16 start from the close of 2023-06-17
    JsonNode lastYear = simulation("-p", btcPerp, "-m", market2024, "--scenarios", "historical", "--lookback-days",
        "365");
    assertThat(lastYear.get("history").get("from").asString()).isEqualTo("2023-06-17");
    assertThat(esExplanation(lastYear)).contains("over 365 scenarios (historical 1d 2023-06-17..2024-06-16)");
    // the add-ons see the same window: no crash window lies inside the last year
    assertThat(lastYear.get("history").get("text").asString()).contains("crash windows replayed: none",
        "floor: historical 1d 2023-06-17..2024-06-16");
  }

  @Test
  void shouldRefuseAWindowAfterTheCutOffOrTooShortNamingTheFlag() {
    CliRun late = CliRun.of("margin", "-p", btcPerp, "-m", market2024, "--model", "simulation", "--data-dir",
        DATA.toString(), "--to", "2024-06-17");
    assertThat(late.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(late.err()).contains("--to", "after the cut-off 2024-06-16");
    CliRun both = CliRun.of("margin", "-p", btcPerp, "-m", market2024, "--model", "simulation", "--data-dir",
        DATA.toString(), "--from", "2020-01-01", "--lookback-days", "30");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(both.err()).contains("--lookback-days", "not both");
    // filtered scenarios need a 20-return EWMA seed and a window: 10 days are too few
    CliRun shortRun = CliRun.of("margin", "-p", btcPerp, "-m", market2024, "--model", "simulation", "--data-dir",
        DATA.toString(), "--scenarios", "filtered", "--lookback-days", "10");
    assertThat(shortRun.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(shortRun.err()).contains("--lookback-days", "too short");
    CliRun stress = CliRun.of("stress", "-p", btcPerp, "-m", market2022, "--data-dir", DATA.toString(), "--to",
        "2022-06-15");
    assertThat(stress.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(stress.err()).contains("--to", "2022-06-14");
  }

  @Test
  void shouldCutTheStressCommandsCrashWindowsAtTheSnapshot() {
    CliRun run = CliRun.of("stress", "-p", btcPerp, "-m", market2022, "--data-dir", DATA.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("covid_black_thursday (holding period)",
        "celsius_3ac (holding period, cut to 2022-06-10..2022-06-14)",
        "crash windows outside it, skipped: ftx_collapse").doesNotContain("ftx_collapse (");
  }

  @Test
  void shouldGiveAPerpetualBookTheCovidCrash() throws IOException {
    JsonNode r = simulation("-p", btcPerp, "-m", market2024, "--scenarios", "historical", "--no-add-ons");
    // no option: no DVOL factor, the prices' whole history, 2020-03-12 included
    assertThat(r.get("history").get("vol_factors")).isEmpty();
    assertThat(esExplanation(r)).contains("historical 1d 2014-09-17..2024-06-16", "worst scenario 2020-03-12");
    // BTC closed 7,911.4302 on 2020-03-11 and 4,970.7881 on 2020-03-12 (-37.2%): 65,670 USD long loses 24,409
    double[] c = closes("BTC", "2020-03-11", "2020-03-12");
    assertThat(c).containsExactly(7911.4302, 4970.7881);
    double loss = 65_670 * (1 - c[1] / c[0]);
    assertThat(loss).isCloseTo(24_409.2, within(0.1));
    String worst = esExplanation(r).replaceAll(".*worst scenario 2020-03-12 loses ([0-9.]+) USD.*", "$1");
    // within 0.1% (the perpetual's mark keeps its small basis over the index)
    assertThat(Double.parseDouble(worst)).isCloseTo(loss, within(loss * 1e-3));
  }

  @Test
  void shouldProxyAnOptionBooksVolFactorBeforeDvol() {
    JsonNode r = simulation("-p", STRADDLE, "-m", market2024, "--scenarios", "historical", "--no-add-ons");
    JsonNode vol = r.get("history").get("vol_factors").get(0);
    assertThat(vol.get("asset").asString()).isEqualTo("BTC");
    // the 30-day realised vol exists from BTC's 31st close (2014-10-17); DVOL from 2021-03-24
    assertThat(vol.get("proxy_from").asString()).isEqualTo("2014-10-17");
    assertThat(vol.get("proxy_to").asString()).isEqualTo("2021-03-23");
    assertThat(vol.get("proxy_beta").asDouble()).isBetween(0.3, 2.0);
    // BTC and USDC from USDC's first close, 2018-10-08: scenarios before DVOL existed, COVID among them
    assertThat(esExplanation(r)).contains("historical 1d 2018-10-08..2024-06-16");
    assertThat(r.get("history").get("text").asString()).contains("BTC DVOL from 2021-03-24, before it the proxy");
  }

  @Test
  void shouldSayWhichClassOverridesTheHorizonAndApplyItToEveryClassOnRequest() throws IOException {
    CliRun text = CliRun.of("margin", "-p", solPerp, "-m", market2024, "--model", "simulation", "--data-dir",
        DATA.toString(), "--scenarios", "historical", "--no-add-ons");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("horizon 1 d; SOL 2 d by class");
    JsonNode byClass = simulation("-p", solPerp, "-m", market2024, "--scenarios", "historical", "--no-add-ons");
    JsonNode uniform = simulation("-p", solPerp, "-m", market2024, "--scenarios", "historical", "--no-add-ons",
        "--horizon-all-classes");
    assertThat(uniform.get("history").get("text").asString())
        .contains("horizon 1 d for every class (--horizon-all-classes)");
    assertThat(uniform.get("history").get("horizon_days_by_factor").get("SOL").asInt()).isEqualTo(1);
    assertThat(byClass.get("history").get("horizon_days_by_factor").get("SOL").asInt()).isEqualTo(2);
    // independently: SOL's one-day log returns r to the cut-off, P&L of 100 SOL at 145 = 14,500·(e^{s·r} − 1),
    // s = 1 (uniform) or √2 (alts' 2 days); ES 97.5% = mean loss of the ⌈2.5% n⌉ worst
    double[] c = closes("SOL", "0000", "2024-06-16");
    assertThat(esExplanation(uniform)).contains("over " + (c.length - 1) + " scenarios");
    assertThat(es(uniform)).isCloseTo(expectedShortfall(c, 1.0), within(1e-6 * es(uniform)));
    assertThat(es(byClass)).isCloseTo(expectedShortfall(c, Math.sqrt(2)), within(1e-6 * es(byClass)));
    assertThat(es(byClass)).isGreaterThan(es(uniform) * 1.3);
  }

  private static double expectedShortfall(double[] closes, double scale) {
    double[] pnl = new double[closes.length - 1];
    for (int i = 0; i < pnl.length; i++) {
      pnl[i] = 14_500 * (Math.exp(scale * Math.log(closes[i + 1] / closes[i])) - 1);
    }
    Arrays.sort(pnl);
    int m = (int) Math.ceil(pnl.length * 0.025);
    double sum = 0;
    for (int i = 0; i < m; i++) {
      sum += pnl[i];
    }
    return -sum / m;
  }

  @Test
  void shouldDocumentTheWindowAndTheHorizonRuleInHelp() {
    CliRun run = CliRun.of("margin", "--help");
    String help = run.out().replaceAll("\\s+", " ");
    assertThat(help).contains("--horizon-all-classes", "is margined over its own instead", "--lookback-days",
        "--from", "not after the cut-off, the UTC day before the snapshot's as_of");
  }
}
