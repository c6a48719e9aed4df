package org.pmargin.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pmargin.core.instrument.Asset;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;
import org.pmargin.server.store.EventStore;
import org.pmargin.server.support.Stores;
import org.pmargin.server.support.Workload;

/**
 * A repeated client id returns the first answer and changes nothing (in the same batch, in a later one, after a
 * restart); the same id with another request is a conflict; an invalid request is refused and takes no sequence.
 */
class IdempotencyTest {

  @TempDir
  Path tmp;

  private static Command deposit(String id, String account, double amount) {
    return Command.of(id, Json.MAPPER.createObjectNode().put("type", "deposit").put("account", account)
        .put("asset", "USDC").put("amount", amount));
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void shouldAnswerARepeatWithTheFirstAnswerAndChangeNothing(Stores.Kind kind) throws Exception {
    try (Stores.TestStore t = Stores.create(kind, tmp)) {
      Answer first;
      try (MarginService s = MarginService.open(t.location(), Workload.settings(), MarginService.Options.defaults())) {
        s.submit(Command.of("create-a", Json.MAPPER.createObjectNode().put("type", "create").put("account", "a")))
            .get();
        first = s.submit(deposit("dep-1", "a", 1000)).get();
        assertThat(first.repeated()).isFalse();
        assertThat(first.sequence()).isEqualTo(2);
        // A later batch.
        Answer again = s.submit(deposit("dep-1", "a", 1000)).get();
        assertThat(again).isEqualTo(new Answer(2, true, true, first.json()));
        // Many repeats in the same batch as each other.
        List<CompletableFuture<Answer>> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          burst.add(s.submit(deposit("dep-2", "a", 500)));
        }
        List<Answer> answers = new ArrayList<>();
        for (CompletableFuture<Answer> f : burst) {
          answers.add(f.get());
        }
        assertThat(answers).extracting(Answer::sequence).containsOnly(3L);
        assertThat(answers).filteredOn(a -> !a.repeated()).hasSize(1);
        assertThat(answers).extracting(Answer::json).containsOnly(answers.get(0).json());
        assertThat(s.lastSequence()).isEqualTo(3);
        assertThat(s.engine().account("a").balance(Asset.of("USDC"))).isEqualTo(1500.0);

        // The same id for another request: refused, nothing changes.
        assertThatThrownBy(() -> s.submit(deposit("dep-1", "a", 999)).get()).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(ClientIdConflictException.class).hasMessageContaining("client_id: 'dep-1'")
            .hasMessageContaining("event 2");
        // An invalid request: refused with the field, no sequence taken.
        assertThatThrownBy(() -> s.submit(Command.of("bad-1", Json.MAPPER.createObjectNode().put("type", "deposit")
            .put("account", "a").put("asset", "USDC").put("amount", -5))).get())
            .cause().isInstanceOf(InvalidInputException.class).hasMessageStartingWith("amount:");
        assertThat(s.submit(deposit("dep-3", "a", 1)).get().sequence()).isEqualTo(4);
        assertThat(s.engine().account("a").balance(Asset.of("USDC"))).isEqualTo(1501.0);
      }
      try (MarginService s = MarginService.open(t.location(), Workload.settings(), MarginService.Options.defaults())) {
        Answer afterRestart = s.submit(deposit("dep-1", "a", 1000)).get();
        assertThat(afterRestart).isEqualTo(new Answer(2, true, true, first.json()));
        assertThat(s.lastSequence()).isEqualTo(4);
        assertThat(s.engine().account("a").balance(Asset.of("USDC"))).isEqualTo(1501.0);
      }
      try (EventStore st = EventStore.open(t.location())) {
        assertThat(st.count()).isEqualTo(4);
      }
    }
  }
}
