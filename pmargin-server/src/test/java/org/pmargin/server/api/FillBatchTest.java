package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.server.Server;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Http.Reply;
import org.pmargin.server.support.Workload;

/**
 * Batched fills: applied as consecutive events in one commit, each fill's answer listed; one bad fill refuses the
 * whole batch naming {@code fills[i].field}; a repeat returns the first answers; a batch mixing used and new ids,
 * or reusing an id for another fill, is 409; over the size limit is 413.
 */
class FillBatchTest {

  static final String ADMIN = "fillbatch-test-admin-key-0123456789abcdef-xyz";

  @TempDir
  Path tmp;

  private static String fill(String id, String instrument, String quantity) {
    return "{\"client_id\":\"" + id + "\",\"instrument\":\"" + instrument + "\",\"quantity\":" + quantity
        + ",\"price\":65690}";
  }

  @Test
  void shouldApplyAllOrNothingInOneCommitAndBeIdempotent() throws Exception {
    try (Server s = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0,
        Optional.of(ADMIN))) {
      int port = s.port();
      Http.call(port, "POST", "/v1/accounts", "{\"client_id\":\"c1\",\"account\":\"alice\"}", ADMIN);
      Http.call(port, "POST", "/v1/accounts/alice/deposits", "{\"client_id\":\"c2\",\"asset\":\"USDC\","
          + "\"amount\":100000}", ADMIN);
      String url = "/v1/accounts/alice/fill-batches";
      long before = s.service().lastSequence();
      // One bad fill (index 3): nothing applied.
      String bad = "{\"fills\":[" + fill("f0", "BTC-PERPETUAL", "100") + "," + fill("f1", "BTC-PERPETUAL", "200")
          + "," + fill("f2", "BTC-PERPETUAL", "300") + "," + fill("f3", "BTC-PERPETUAL", "\"x\"") + "]}";
      Reply r = Http.call(port, "POST", url, bad, ADMIN);
      assertThat(r.status()).as(r.text()).isEqualTo(400);
      assertThat(r.body().get("error").get("field").stringValue()).isEqualTo("fills[3].quantity");
      r = Http.call(port, "POST", url, "{\"fills\":[" + fill("f0", "BTC-PERPETUAL", "100") + ","
          + fill("f1", "DOGE-PERPETUAL", "1") + "]}", ADMIN);
      assertThat(r.body().get("error").get("field").stringValue()).as(r.text()).startsWith("fills[1].instrument");
      r = Http.call(port, "POST", url, "{\"fills\":[" + fill("f0", "BTC-PERPETUAL", "100") + ","
          + fill("f0", "BTC-PERPETUAL", "1") + "]}", ADMIN);
      assertThat(r.body().get("error").get("field").stringValue()).isEqualTo("fills[1].client_id");
      assertThat(s.service().lastSequence()).as("nothing applied").isEqualTo(before);

      String good = "{\"fills\":[" + fill("f0", "BTC-PERPETUAL", "100") + "," + fill("f1", "BTC-PERPETUAL", "200")
          + "," + fill("f2", "ETH-PERPETUAL", "-300") + "]}";
      r = Http.call(port, "POST", url, good, ADMIN);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.body().get("accepted").asInt()).isEqualTo(3);
      for (int i = 0; i < 3; i++) {
        assertThat(r.body().get("fills").get(i).get("client_id").stringValue()).isEqualTo("f" + i);
        assertThat(r.body().get("fills").get(i).get("answer").get("sequence").asLong()).isEqualTo(before + 1 + i);
      }
      var positions = s.service().engine().account("alice").portfolio().positions();
      assertThat(positions.stream().filter(p -> p.instrument().symbol().equals("BTC-PERPETUAL"))
          .mapToDouble(p -> p.quantity()).sum()).isEqualTo(300);
      // A repeat: the first answers, nothing changes.
      Reply again = Http.call(port, "POST", url, good, ADMIN);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
      assertThat(again.body().get("fills")).isEqualTo(r.body().get("fills"));
      assertThat(s.service().lastSequence()).isEqualTo(before + 3);
      // Mixed used and new ids, or a used id for another fill: 409 naming the fill.
      r = Http.call(port, "POST", url, "{\"fills\":[" + fill("f0", "BTC-PERPETUAL", "100") + ","
          + fill("f9", "BTC-PERPETUAL", "1") + "]}", ADMIN);
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.body().get("error").get("field").stringValue()).isEqualTo("fills[1].client_id");
      r = Http.call(port, "POST", url, "{\"fills\":[" + fill("f0", "BTC-PERPETUAL", "999") + "]}", ADMIN);
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.body().get("error").get("field").stringValue()).isEqualTo("fills[0].client_id");
      // Size limit.
      StringBuilder big = new StringBuilder("{\"fills\":[");
      for (int i = 0; i <= FillBatches.MAX_FILLS; i++) {
        big.append(i == 0 ? "" : ",").append(fill("b" + i, "BTC-PERPETUAL", "1"));
      }
      r = Http.call(port, "POST", url, big.append("]}").toString(), ADMIN);
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.body().get("error").get("field").stringValue()).isEqualTo("fills");
      assertThat(s.service().lastSequence()).isEqualTo(before + 3);
    }
  }
}
