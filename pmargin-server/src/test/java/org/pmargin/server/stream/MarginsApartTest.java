package org.pmargin.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pmargin.data.Json;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.engine.script.EventScript;
import org.pmargin.server.service.Answer;
import org.pmargin.server.service.Canonical;
import org.pmargin.server.service.Command;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.store.LoggedEvent;
import org.pmargin.server.store.MarginsColumn;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A price update's margins kept apart from its answer, through the service and both stores: the answer says how
 * many accounts were re-margined and lists none; the log's margins column holds every one, equal (bit for bit) to
 * the engine's margins after the tick; the stream sends from the log row the same margin messages, in the same
 * order, as it would for an answer listing them (built here with the engine script's writer), and an account's
 * share holds its own margin; the row read without the column keeps its answer; a repeat gets the first answer.
 */
class MarginsApartTest {

  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void shouldLogATicksMarginsApartAndStreamThemAsIfListed(Stores.Kind kind) throws Exception {
    try (Stores.TestStore t = Stores.create(kind, tmp)) {
      Command tick;
      Answer answer;
      List<AccountMargin> engineAfter;
      try (MarginService s = MarginService.open(t.location(), Workload.settings(), MarginService.Options.defaults())) {
        for (Command c : Workload.generate(77, 12, 200, "m77-")) {
          s.submit(c).get();
        }
        ObjectNode m = Json.MAPPER.createObjectNode().put("type", "market");
        m.putObject("moves").put("BTC", -0.04);
        tick = Command.of("m77-tick", m);
        answer = s.submit(tick).get();
        engineAfter = s.engine().margins();
        assertThat(s.submit(tick).get().json()).as("a repeat").isEqualTo(answer.json());
      }
      JsonNode a = Json.parse(answer.json());
      assertThat(a.has("margins")).isFalse();
      int remargined = a.get("remargined").asInt();
      assertThat(remargined).isGreaterThan(3);

      List<LoggedEvent> rows = new ArrayList<>();
      List<LoggedEvent> bare = new ArrayList<>();
      try (EventStore st = EventStore.open(t.location())) {
        st.read(answer.sequence() - 1, 1, true, rows::add);
        st.read(answer.sequence() - 1, 1, false, bare::add);
        List<LoggedEvent> before = new ArrayList<>();
        st.read(0, answer.sequence() - 1, true, before::add);
        assertThat(before).as("events before the tick: margins apart for market updates only")
            .allMatch(e -> (e.margins() != null) == e.type().equals("market"))
            .anyMatch(e -> e.margins() != null).anyMatch(e -> e.margins() == null);
      }
      LoggedEvent row = rows.getFirst();
      assertThat(row.answer()).isEqualTo(answer.json());
      assertThat(bare.getFirst().margins()).isNull();
      assertThat(bare.getFirst().answer()).isEqualTo(answer.json());
      List<AccountMargin> logged = MarginsColumn.decode(row.margins());
      assertThat(logged).hasSize(remargined);
      Map<String, AccountMargin> now = engineAfter.stream()
          .collect(Collectors.toMap(AccountMargin::accountId, Function.identity()));
      for (AccountMargin m : logged) {
        assertThat(m).as(m.accountId()).isEqualTo(now.get(m.accountId()));
      }

      // the same event with the margins listed in its answer, as the engine script writes them
      ObjectNode listed = (ObjectNode) Json.parse(row.answer());
      listed.remove("remargined");
      ArrayNode list = listed.putArray("margins");
      logged.forEach(m -> EventScript.margin(list.addObject(), m));
      StreamEvent apart = new StreamEvent(row);
      StreamEvent inline = new StreamEvent(new LoggedEvent(row.sequence(), row.clientId(), row.type(),
          row.payload(), Canonical.write(listed)));
      List<String> sent = apart.messages(null);
      assertThat(sent).hasSize(1 + remargined + Json.parse(row.answer()).get("transitions").size());
      assertThat(sent.subList(1, sent.size())).isEqualTo(inline.messages(null).subList(1, sent.size()));
      String one = logged.get(remargined / 2).accountId();
      List<String> share = apart.messages(one);
      assertThat(share.getFirst()).isEqualTo(sent.getFirst());
      assertThat(share.stream().filter(x -> x.contains("\"type\":\"margin\"")).toList())
          .containsExactly(inline.messages(one).stream().filter(x -> x.contains("\"type\":\"margin\"")).toList()
              .toArray(String[]::new));
      assertThat(share).anyMatch(x -> x.contains("\"type\":\"margin\"") && x.contains("\"account\":\"" + one + "\""));
    }
  }
}
