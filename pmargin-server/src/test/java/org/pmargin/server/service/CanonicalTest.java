package org.pmargin.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.data.Json;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;
import tools.jackson.databind.JsonNode;

/**
 * Canonical JSON is written with sorted keys at every level, and is the same text as the sorted copy of the tree
 * written plainly (how it was written before, so logs written then still compare equal).
 */
class CanonicalTest {

  @TempDir
  Path tmp;

  @Test
  void shouldSortKeysAtEveryLevelWithoutChangingValues() {
    JsonNode n = Json.parse("{\"b\":1,\"a\":{\"d\":[{\"z\":1,\"y\":2.5}],\"c\":null},\"B\":\"x\",\"aa\":-0.0}");
    assertThat(Canonical.write(n)).isEqualTo("{\"B\":\"x\",\"a\":{\"c\":null,\"d\":[{\"y\":2.5,\"z\":1}]},\"aa\":-0.0,"
        + "\"b\":1}");
  }

  @Test
  void shouldWriteTheSameTextAsTheSortedCopyForRequestsAndAnswers() throws Exception {
    List<Command> commands = Workload.generate(41, 8, 300, "c41-");
    List<JsonNode> trees = new ArrayList<>();
    try (Stores.TestStore t = Stores.create(Stores.Kind.SQLITE, tmp);
        MarginService s = MarginService.open(t.location(), Workload.settings(), MarginService.Options.defaults())) {
      for (Command c : commands) {
        trees.add(Json.parse(c.payload()));
        trees.add(Json.parse(s.submit(c).get().json()));
      }
    }
    for (JsonNode tree : trees) {
      assertThat(Canonical.write(tree)).isEqualTo(Json.MAPPER.writeValueAsString(Canonical.sorted(tree)));
    }
    assertThat(trees).anyMatch(x -> x.has("margins") && !x.get("margins").isEmpty());
    assertThat(trees).anyMatch(x -> x.has("remargined") && x.get("remargined").asInt() > 1);
  }
}
