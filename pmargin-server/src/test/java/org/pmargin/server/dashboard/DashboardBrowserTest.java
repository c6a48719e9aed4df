package org.pmargin.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pmargin.server.Server;
import org.pmargin.server.auth.Role;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard end to end in Debian's headless Chromium (Selenium with /usr/bin/chromedriver; nothing downloaded):
 * the account view's numbers equal the API's, a live update arrives after a price move, a what-if edit changes every
 * model's margin, the risk desk sees an account go liquidatable, and a trader key cannot open another account.
 * Screenshots go to target/dashboard-screenshots/. Skipped, saying why, when chromium or chromedriver is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

  static final String ADMIN = "dashboard-test-admin-key-0123456789abcdef";
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "dashboard-screenshots");

  @TempDir
  static Path tmp;

  private static Server server;
  private static ChromeDriver driver;
  private static String trader;
  private static String risk;
  private static String base;
  private static final AtomicInteger IDS = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "browser tests skipped: " + CHROMIUM + " or " + DRIVER + " is missing (apt-get install chromium "
            + "chromium-driver; .ci/run does it when it runs as root)");
    System.setProperty("pmargin.reports.days", "1"); // the reports' cascade: one day of 60 accounts
    System.setProperty("pmargin.reports.accounts", "60");
    try {
      server = Server.start(StoreLocation.embedded(tmp.resolve("store")), Workload.settings(), "127.0.0.1", 0,
          Optional.of(ADMIN));
    } finally {
      System.clearProperty("pmargin.reports.days");
      System.clearProperty("pmargin.reports.accounts");
    }
    base = "http://127.0.0.1:" + server.port();
    for (String a : List.of("alice", "bob")) {
      post("/v1/accounts", "{" + id() + ",\"account\":\"" + a + "\"}");
      post("/v1/accounts/" + a + "/deposits", "{" + id() + ",\"asset\":\"USDC\",\"amount\":40000}");
      post("/v1/accounts/" + a + "/fills", "{" + id() + ",\"instrument\":\"BTC-PERPETUAL\",\"quantity\":"
          + (a.equals("alice") ? 5000 : 20000) + ",\"price\":65690}");
    }
    post("/v1/accounts/alice/deposits", "{" + id() + ",\"asset\":\"BTC\",\"amount\":0.5}");
    trader = server.keys().create(Role.TRADER, Set.of("alice"), "alice").secret();
    risk = server.keys().create(Role.RISK, Set.of(), "desk").secret();
    Files.createDirectories(SHOTS);
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toString());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1100",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, o);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String id() {
    return "\"client_id\":\"b-" + IDS.incrementAndGet() + "\"";
  }

  private static JsonNode post(String path, String body) throws Exception {
    var r = Http.call(server.port(), "POST", path, body, ADMIN);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.body();
  }

  private static JsonNode get(String path, String key) throws Exception {
    return Http.call(server.port(), "GET", path, null, key).body();
  }

  static String usd(double v) {
    NumberFormat f = NumberFormat.getCurrencyInstance(Locale.US);
    f.setMinimumFractionDigits(2);
    f.setMaximumFractionDigits(2);
    return f.format(v);
  }

  private static void login(String key, String hash) {
    driver.get(base + "/dashboard/#/login");
    WebElement k = waitFor(By.id("login-key"));
    k.clear();
    k.sendKeys(key);
    driver.findElement(By.id("login-submit")).click();
    driver.get(base + "/dashboard/" + hash);
    ((JavascriptExecutor) driver).executeScript("return 1");
  }

  private static WebElement waitFor(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElements(by).stream().findFirst()
        .orElse(null));
  }

  private static String text(By by) {
    return waitFor(by).getText();
  }

  /** Waits until an element shows this text (the views re-render, so elements come and go). */
  private static void expectText(By by, String expected) {
    new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElements(by).stream().anyMatch(e -> e.getText().equals(expected)));
  }

  private static void shot(String name) throws Exception {
    Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  @Order(1)
  void theAccountViewShowsTheApisNumbersAndALiveUpdate() throws Exception {
    login(trader, "#/account/alice");
    waitFor(By.cssSelector("#models tbody tr"));
    JsonNode m = get("/v1/accounts/alice", trader).get("margin");
    assertThat(text(By.id("equity"))).isEqualTo(usd(m.get("equity_usd").asDouble()));
    assertThat(text(By.id("im"))).isEqualTo(usd(m.get("initial_margin_usd").asDouble()));
    assertThat(text(By.id("mm"))).isEqualTo(usd(m.get("maintenance_margin_usd").asDouble()));
    assertThat(text(By.id("health"))).isEqualTo(m.get("state").asString().replace('_', ' '));
    assertThat(driver.findElements(By.cssSelector("#positions tbody tr"))).hasSize(1);
    assertThat(text(By.cssSelector("#collateral tbody"))).contains("BTC").contains("majors").contains("USDC");
    assertThat(driver.findElements(By.cssSelector("#models tbody tr"))).hasSizeGreaterThanOrEqualTo(5);
    assertThat(driver.findElement(By.id("ratio-gauge")).getAttribute("aria-labelledby")).isEqualTo("ratio-label");
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("live")).getText()
        .startsWith("live"));
    shot("account-before-move");
    String before = text(By.id("equity"));
    long seq = post("/v1/market", "{" + id() + ",\"moves\":{\"BTC\":-0.02}}").get("sequence").asLong();
    JsonNode after = get("/v1/accounts/alice", trader).get("margin");
    String expected = usd(after.get("equity_usd").asDouble());
    assertThat(expected).isNotEqualTo(before);
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("equity")).getText()
        .equals(expected));
    assertThat(text(By.id("live"))).isEqualTo("live · seq " + seq);
    assertThat(text(By.id("mm"))).isEqualTo(usd(after.get("maintenance_margin_usd").asDouble()));
    shot("account-after-move");
  }

  @Test
  @Order(2)
  void theRiskMatrixHasNumbersInItsCellsAndTheWorstMarked() throws Exception {
    login(trader, "#/matrix/alice");
    waitFor(By.cssSelector("#matrix-BTC td"));
    JsonNode rm = get("/v1/accounts/alice/view", trader).get("risk_matrix").get(0);
    List<WebElement> cells = driver.findElements(By.cssSelector("#matrix-BTC tbody td"));
    assertThat(cells).hasSize(rm.get("moves").size() * rm.get("vol_shocks").size());
    JsonNode lastRow = rm.get("pnl_usd").get(rm.get("vol_shocks").size() - 1);
    assertThat(cells.getLast().getText()).isEqualTo(usd(lastRow.get(lastRow.size() - 1).asDouble()));
    List<WebElement> worst = driver.findElements(By.cssSelector("#matrix-BTC td.worst"));
    assertThat(worst).hasSize(1);
    assertThat(worst.getFirst().getText()).isEqualTo(usd(rm.get("worst").get("pnl_usd").asDouble()) + " ★");
    assertThat(worst.getFirst().getAttribute("aria-label")).isEqualTo("worst cell");
    shot("risk-matrix");
  }

  @Test
  @Order(3)
  void aWhatIfEditChangesEveryModelsMargin() throws Exception {
    login(trader, "#/builder/alice");
    waitFor(By.cssSelector("#builder-models tbody tr"));
    List<String> before = ims();
    assertThat(before).hasSizeGreaterThanOrEqualTo(3);
    WebElement q = driver.findElement(By.cssSelector(".p-quantity"));
    q.clear();
    q.sendKeys("15000");
    driver.findElement(By.id("calculate")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(d -> {
      List<String> now = ims();
      if (now.size() != before.size()) {
        return false;
      }
      for (int i = 0; i < now.size(); i++) {
        if (now.get(i).equals(before.get(i))) {
          return false;
        }
      }
      return true;
    });
    // the page's numbers are the calculator's
    String portfolio = (String) ((JavascriptExecutor) driver).executeScript(
        "return document.getElementById('portfolio-json').value");
    JsonNode calc = Http.call(server.port(), "POST", "/v1/margin", portfolio, null).body();
    List<String> expected = new ArrayList<>();
    calc.get("margins").forEach(x -> {
      if (x.get("status").asString().equals("ok")) {
        expected.add(usd(x.get("initial_margin_usd").asDouble()));
      }
    });
    new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
        .until(d -> ims().equals(expected));
    shot("builder-after-edit");
    // keyboard: the what-if form submits with Enter
    WebElement wq = driver.findElement(By.id("wi-quantity"));
    wq.clear();
    wq.sendKeys("-1000\n");
    assertThat(waitFor(By.cssSelector("#whatif-table")).getText()).contains("before").contains("after");
  }

  private static List<String> ims() {
    return driver.findElements(By.cssSelector("#builder-models td.im")).stream().map(WebElement::getText).toList();
  }

  @Test
  @Order(4)
  void theRiskDeskSeesAnAccountGoLiquidatable() throws Exception {
    login(risk, "#/desk");
    waitFor(By.cssSelector("#accounts tbody tr"));
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("live")).getText()
        .startsWith("live"));
    assertThat(text(By.id("market"))).contains("BTC");
    shot("desk-before-crash");
    post("/v1/market", "{" + id() + ",\"moves\":{\"BTC\":-0.09}}");
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("feed")).getText()
        .contains("bob: ") && d.findElement(By.id("feed")).getText().contains("→ liquidatable"));
    String feed = text(By.id("feed"));
    assertThat(feed).containsPattern("#\\d+ bob: (healthy|margin call) → liquidatable");
    // the desk reloads its figures after the stream's events: the fund the liquidation fees went to
    double fund = get("/v1/risk", risk).get("insurance_fund").get("fund_usd").asDouble();
    assertThat(fund).isPositive();
    expectText(By.id("fund"), usd(fund));
    shot("desk-after-crash");
  }

  @Test
  @Order(5)
  void aTraderKeyCannotOpenAnotherAccount() throws Exception {
    login(trader, "#/account/bob");
    expectText(By.id("error"), "Not found: no account 'bob' for this key.");
    assertThat(driver.findElements(By.id("equity"))).isEmpty();
    shot("trader-refused");
    login(trader, "#/account/nobody");
    expectText(By.id("error"), "Not found: no account 'nobody' for this key.");
    login(trader, "#/desk");
    expectText(By.id("error"), "This key may not open this view.");
  }

  @Test
  @Order(6)
  void thePnlViewDrawsTheSimulatedHistogramWithVarAndEs() throws Exception {
    login(trader, "#/pnl/alice");
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "true".equals(d.findElement(By.id("distribution"))
        .getAttribute("data-ready")));
    JsonNode d = get("/v1/accounts/alice/pnl-distribution?model=simulation", trader);
    assertThat(text(By.id("dist-var"))).isEqualTo(usd(d.get("var_usd").asDouble()));
    assertThat(text(By.id("dist-es"))).isEqualTo(usd(d.get("es_usd").asDouble()));
    assertThat(text(By.id("dist-im"))).isEqualTo(usd(d.get("initial_margin_usd").asDouble()));
    assertThat(driver.findElement(By.id("distribution-chart")).getAttribute("aria-label"))
        .contains(usd(d.get("var_usd").asDouble())).contains(usd(d.get("es_usd").asDouble()));
    assertThat(driver.findElements(By.cssSelector("#distribution-chart canvas"))).hasSize(1);
    waitFor(By.cssSelector("#history-chart canvas"));
    shot("pnl-distribution");
  }

  @Test
  @Order(7)
  void thePnlViewReplaysOnlyTheRecentLog() throws Exception {
    login(trader, "#/pnl/alice");
    long last = get("/v1/accounts/alice/view", trader).get("last_sequence").asLong();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "0".equals(d.findElement(By.id("history-chart"))
        .getAttribute("data-after")) && Integer.parseInt(d.findElement(By.id("history-chart"))
        .getAttribute("data-points")) > 3);
    int all = Integer.parseInt(driver.findElement(By.id("history-chart")).getAttribute("data-points"));
    ((JavascriptExecutor) driver).executeScript("localStorage.setItem('pmargin.historyEvents', '3')");
    driver.navigate().refresh();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> String.valueOf(last - 3).equals(d.findElement(
        By.id("history-chart")).getAttribute("data-after")));
    Thread.sleep(500); // the replay of the last three events
    WebElement chart = driver.findElement(By.id("history-chart"));
    assertThat(Long.parseLong(chart.getAttribute("data-first-seq"))).isGreaterThan(last - 3);
    assertThat(Integer.parseInt(chart.getAttribute("data-points"))).isBetween(1, 4).isLessThan(all);
    assertThat(text(By.id("history-title"))).isEqualTo("Margin vs equity since event #" + (last - 3)
        + " (the log's last 3 events replayed, then live)");
    // a live update still arrives after the short replay
    long seq = post("/v1/market", "{" + id() + ",\"moves\":{\"BTC\":0.01}}").get("sequence").asLong();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("live")).getText()
        .equals("live · seq " + seq));
    ((JavascriptExecutor) driver).executeScript("document.getElementById('history-title').scrollIntoView()");
    shot("pnl-recent-history");
    ((JavascriptExecutor) driver).executeScript("localStorage.removeItem('pmargin.historyEvents')");
  }

  @Test
  @Order(8)
  void theReportsDrawTheCascadeAndTheBacktest() throws Exception {
    login(trader, "#/reports");
    new WebDriverWait(driver, Duration.ofMinutes(3)).until(d -> "true".equals(d.findElement(By.id("cascade-report"))
        .getAttribute("data-ready")) && "true".equals(d.findElement(By.id("backtest-report")).getAttribute(
            "data-ready")));
    JsonNode cascade = get("/v1/reports/cascade", trader);
    for (JsonNode m : cascade.get("models")) {
      WebElement row = driver.findElement(By.cssSelector("#cascade-totals tr[data-model='" + m.get("model")
          .asString() + "']"));
      assertThat(row.findElement(By.className("notional")).getText())
          .isEqualTo(usd(m.get("totals").get("notional_closed_usd").asDouble()));
      assertThat(row.findElement(By.className("bad-debt")).getText())
          .isEqualTo(usd(m.get("totals").get("bad_debt_usd").asDouble()));
    }
    assertThat(driver.findElements(By.cssSelector("#cascade-report canvas"))).hasSize(4);
    JsonNode backtest = get("/v1/reports/backtest", trader);
    for (JsonNode b : backtest.get("books")) {
      assertThat(driver.findElement(By.cssSelector("#backtest-stats tr[data-book='" + b.get("book").asString()
          + "'] .exceptions")).getText()).isEqualTo(String.valueOf(b.get("exceptions").asInt()));
    }
    assertThat(driver.findElements(By.cssSelector("#backtest-report canvas"))).hasSize(2);
    shot("reports-cascade");
    ((JavascriptExecutor) driver).executeScript("document.getElementById('backtest-report').scrollIntoView()");
    shot("reports-backtest");
  }
}
