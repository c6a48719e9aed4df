package org.pmargin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pmargin.data.DataDirectory;
import org.pmargin.data.Json;
import tools.jackson.databind.JsonNode;

/**
 * {@code pmargin backtest} in text and JSON on the shipped data: the JSON's statistics recomputed here from its own
 * counts (Kupiec's LR by its formula, p-values from Hipparchus' χ² distribution), the rolling 250-day zones recounted
 * from the exception dates, and the text's figures and data directory line against the JSON. One run of each per
 * class: a backtest over the whole history takes a second or two.
 */
class BacktestOutputTest {

  private static final Path DATA = DataDirectory.shipped().orElseThrow();
  private static final String BOOK = Path.of("..", "examples", "portfolios", "multi-asset-usdc.json").toString();
  private static final String[] ARGS = {"backtest", "-p", BOOK, "--data-dir", DATA.toString(), "--scenarios",
      "historical", "--lookback", "250"};

  private static CliRun text;
  private static JsonNode doc;

  @BeforeAll
  static void run() {
    text = CliRun.of(ARGS);
    assertThat(text.exitCode()).as(text.err()).isZero();
    List<String> withJson = new ArrayList<>(List.of(ARGS));
    withJson.addAll(List.of("--format", "json"));
    CliRun json = CliRun.of(withJson.toArray(String[]::new));
    assertThat(json.exitCode()).as(json.err()).isZero();
    doc = Json.parse(json.out());
  }

  @Test
  void shouldGiveTheRunsSettingsAndItsData() {
    assertThat(doc.get("version").asInt()).isEqualTo(1);
    assertThat(doc.get("scenarios").asString()).isEqualTo("historical");
    assertThat(doc.get("lookback_days").asInt()).isEqualTo(250);
    assertThat(doc.get("horizon_days").asInt()).isEqualTo(1);
    assertThat(doc.get("es_confidence").asDouble()).isEqualTo(0.975);
    assertThat(doc.get("var_confidence").asDouble()).isEqualTo(0.99);
    JsonNode data = doc.get("data");
    assertThat(data.get("directory").asString()).isEqualTo(DATA.toString());
    assertThat(data.get("origin").asString()).isEqualTo("option");
    JsonNode cleaning = data.get("cleaning");
    assertThat(cleaning.get("entries").asInt()).isPositive().isEqualTo(cleaning.get("items").size());
    int summed = 0;
    for (JsonNode s : cleaning.get("summary")) {
      summed += s.get("count").asInt();
    }
    assertThat(summed).isEqualTo(cleaning.get("entries").asInt());
    // the shipped copy's QC file: 72 closes repaired (data/README.md)
    assertThat(cleaning.get("summary").toString()).contains("\"rule\":\"qc_close_glitch\",\"action\":\"fixed\","
        + "\"count\":72");
  }

  @Test
  void shouldGiveTheTestsAtFullPrecisionConsistentWithTheCounts() {
    JsonNode b = book();
    assertThat(b.get("status").asString()).isEqualTo("ok");
    int n = b.get("days").asInt();
    int x = b.get("exceptions").asInt();
    assertThat(x).isBetween(1, n);
    assertThat(b.get("expected_exceptions").asDouble()).isCloseTo(n * 0.01, within(1e-9));
    assertThat(b.get("exception_dates").size()).isEqualTo(x);
    // Kupiec's LR_uc by its formula, and each p-value as the χ² survival function (Hipparchus, not the erfc of core)
    double rate = (double) x / n;
    double kupiec = -2 * ((n - x) * Math.log(0.99) + x * Math.log(0.01) - (n - x) * Math.log(1 - rate)
        - x * Math.log(rate));
    JsonNode uc = b.get("kupiec");
    assertThat(uc.get("statistic").asDouble()).isCloseTo(kupiec, within(1e-9));
    assertPValue(uc, 1);
    JsonNode ind = b.get("christoffersen_independence");
    assertPValue(ind, 1);
    JsonNode cc = b.get("conditional_coverage");
    assertThat(cc.get("statistic").asDouble())
        .isCloseTo(uc.get("statistic").asDouble() + ind.get("statistic").asDouble(), within(1e-12));
    assertPValue(cc, 2);
    assertThat(b.get("average_margin_fraction").asDouble()).isCloseTo(
        b.get("average_margin_usd").asDouble() / b.get("average_exposure_usd").asDouble(), within(1e-15));
  }

  @Test
  void shouldGiveTheRollingZonesAsARecountOfTheExceptionDates() {
    JsonNode b = book();
    JsonNode rolling = b.get("rolling_zone");
    assertThat(rolling.get("status").asString()).isEqualTo("ok");
    assertThat(rolling.get("window_days").asInt()).isEqualTo(250);
    assertThat(rolling.get("windows").asInt()).isEqualTo(b.get("days").asInt() - 249);
    assertThat(rolling.get("yellow_from").asInt()).isEqualTo(5);
    assertThat(rolling.get("red_from").asInt()).isEqualTo(10);
    List<LocalDate> exceptions = new ArrayList<>();
    b.get("exception_dates").forEach(d -> exceptions.add(LocalDate.parse(d.asString())));
    JsonNode worst = rolling.get("worst");
    JsonNode last = rolling.get("last");
    assertThat(between(exceptions, worst)).isEqualTo(worst.get("exceptions").asInt());
    assertThat(between(exceptions, last)).isEqualTo(last.get("exceptions").asInt());
    assertThat(last.get("window_to").asString()).isEqualTo(b.get("to").asString());
    assertThat(worst.get("exceptions").asInt()).isGreaterThanOrEqualTo(last.get("exceptions").asInt());
    assertThat(order(worst.get("zone").asString())).isGreaterThanOrEqualTo(order(last.get("zone").asString()));
    assertThat(worst.get("zone").asString()).isEqualTo(zone(worst.get("exceptions").asInt()));
    assertThat(last.get("zone").asString()).isEqualTo(zone(last.get("exceptions").asInt()));
    assertThat(LocalDate.parse(worst.get("first_reached").asString()))
        .isBeforeOrEqualTo(LocalDate.parse(worst.get("window_to").asString()));
    JsonNode in = rolling.get("windows_in_zone");
    assertThat(in.get("green").asInt() + in.get("yellow").asInt() + in.get("red").asInt())
        .isEqualTo(rolling.get("windows").asInt());
  }

  @Test
  void shouldPrintTheJsonsFiguresAndTheDataDirectoryInText() {
    JsonNode b = book();
    String row = text.out().lines().filter(l -> l.startsWith("multi-asset-usdc ")).findFirst().orElseThrow();
    JsonNode worst = b.get("rolling_zone").get("worst");
    JsonNode last = b.get("rolling_zone").get("last");
    assertThat(row).contains(" " + b.get("days").asInt() + " ", " " + b.get("exceptions").asInt() + " ",
        worst.get("zone").asString() + " " + worst.get("exceptions").asInt() + " (to "
            + worst.get("window_to").asString() + ")",
        last.get("zone").asString() + " " + last.get("exceptions").asInt(),
        p(b.get("kupiec")), p(b.get("christoffersen_independence")), p(b.get("conditional_coverage")));
    assertThat(text.out()).contains("Real market data from " + DATA + " (--data-dir)",
        "Data cleaning", doc.get("data").get("cleaning").get("entries").asInt() + " entries", "fixed 72: "
            + "qc_close_glitch 72", "BCBS 1996");
    assertThat(text.out()).doesNotContain("NaN", "Infinity");
  }

  @Test
  void shouldSayWhenTheBacktestIsTooShortForOneBaselWindow() {
    // The multi-asset book's aligned history has about 2,900 daily returns (its 500-day filtered backtest runs from
    // 2019-04-13 to 2025-11-30, 2,424 days): a 2,800-day lookback leaves fewer than 250 margin dates.
    CliRun run = CliRun.of("backtest", "-p", BOOK, "--data-dir", DATA.toString(), "--scenarios", "historical",
        "--lookback", "2800", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode b = Json.parse(run.out()).get("books").get(0);
    assertThat(b.get("days").asInt()).isLessThan(250);
    assertThat(b.get("rolling_zone").get("status").asString()).isEqualTo("not_enough_days");
    assertThat(b.get("rolling_zone").get("reason").asString()).contains("fewer than the 250");
  }

  private static JsonNode book() {
    JsonNode books = doc.get("books");
    assertThat(books.size()).isEqualTo(1);
    assertThat(books.get(0).get("book").asString()).isEqualTo("multi-asset-usdc");
    return books.get(0);
  }

  private static void assertPValue(JsonNode test, int degreesOfFreedom) {
    assertThat(test.get("degrees_of_freedom").asInt()).isEqualTo(degreesOfFreedom);
    double stat = test.get("statistic").asDouble();
    double p = test.get("p_value").asDouble();
    assertThat(p).isBetween(0.0, 1.0);
    assertThat(p).isCloseTo(1 - new ChiSquaredDistribution(degreesOfFreedom).cumulativeProbability(stat),
        within(1e-9));
  }

  /** The exceptions dated inside a window, its first and last day included. */
  private static long between(List<LocalDate> exceptions, JsonNode window) {
    LocalDate from = LocalDate.parse(window.get("window_from").asString());
    LocalDate to = LocalDate.parse(window.get("window_to").asString());
    return exceptions.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).count();
  }

  /** BCBS (1996)'s zones for 250 days at 99 %. */
  private static String zone(int exceptions) {
    return exceptions >= 10 ? "red" : exceptions >= 5 ? "yellow" : "green";
  }

  private static int order(String zone) {
    return List.of("green", "yellow", "red").indexOf(zone);
  }

  private static String p(JsonNode test) {
    return String.format(Locale.ROOT, "%.3f", test.get("p_value").asDouble());
  }
}
