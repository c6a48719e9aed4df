package org.pmargin.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.InstrumentJson;
import org.pmargin.data.Json;
import org.pmargin.engine.event.Fill;
import org.pmargin.server.service.Answer;
import org.pmargin.server.service.ClientIdConflictException;
import org.pmargin.server.service.Command;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.store.StoreUnavailableException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/accounts/{id}/fill-batches}: up to {@value #MAX_FILLS} fills for one account, each with its own
 * {@code client_id}, validated all before any is applied (one bad fill is a 400 naming {@code fills[i].field} and
 * nothing is applied), then applied as consecutive events in one group commit ({@link MarginService#submitAll}).
 * The answer lists each fill's event answer in order. A repeat of the whole batch returns the first answers
 * ({@code Idempotent-Replayed: true}); a batch reusing some ids for other requests, or mixing used and new ids, is
 * 409 naming {@code fills[i].client_id}. More fills than the limit: 413 {@code batch_too_large} naming {@code fills}.
 */
final class FillBatches {

  /** The most fills one batch may carry. */
  static final int MAX_FILLS = 1000;

  private FillBatches() {
  }

  static void install(RoutesConfig r, MarginService service, RateLimiter limiter) {
    r.post("/v1/accounts/{id}/fill-batches", ctx -> {
      String account = HttpApi.known(service, ctx).accountId();
      Fields body = Requests.body(ctx).onlyKnown(Set.of("fills"));
      if (!body.has("fills") || !body.node().get("fills").isArray()) {
        throw new InvalidInputException("fills", "is required: an array of {client_id, instrument, quantity, price}");
      }
      int n = body.node().get("fills").size();
      if (n == 0) {
        throw new InvalidInputException("fills", "must hold at least one fill");
      }
      if (n > MAX_FILLS) {
        HttpApi.error(ctx, 413, "batch_too_large", "fills", "at most " + MAX_FILLS + " fills a batch, got " + n);
        return;
      }
      List<Command> commands = commands(service, account, body.objects("fills"));
      limiter.takeWrites(ctx, n - 1);
      submit(ctx, service, commands);
    });
  }

  private static List<Command> commands(MarginService service, String account, List<Fields> fills) {
    List<Command> out = new ArrayList<>(fills.size());
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < fills.size(); i++) {
      Fields f = fills.get(i).onlyKnown(Set.of("client_id", "instrument", "quantity", "price"));
      if (!f.has("instrument")) {
        throw new InvalidInputException(f.pathOf("instrument"), "is required");
      }
      HttpApi.listed(service, f, "instrument");
      try {
        // The checks the engine's fill makes, before anything is applied.
        new Fill(account, InstrumentJson.read(f.node().get("instrument"), f.pathOf("instrument")),
            f.number("quantity"), f.number("price"));
      } catch (InvalidInputException e) {
        throw f.locate(e);
      }
      String id = f.text("client_id");
      Integer seen = ids.putIfAbsent(id, i);
      if (seen != null) {
        throw new InvalidInputException(f.pathOf("client_id"), "repeats the client_id of fills[" + seen + "]");
      }
      try {
        out.add(Requests.fill(account, f));
      } catch (InvalidInputException e) {
        throw f.locate(e);
      }
    }
    return out;
  }

  private static void submit(Context ctx, MarginService service, List<Command> commands) {
    var f = service.submitAll(commands);
    ctx.future(() -> f.handle((answers, x) -> {
      if (x == null) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("fills");
        boolean repeated = false;
        for (int i = 0; i < answers.size(); i++) {
          Answer a = answers.get(i);
          repeated |= a.repeated();
          ObjectNode one = list.addObject();
          one.put("client_id", commands.get(i).clientId());
          one.set("answer", Json.parse(a.json()));
        }
        out.put("accepted", answers.stream().filter(Answer::accepted).count());
        out.put("rejected", answers.stream().filter(a -> !a.accepted()).count());
        if (repeated) {
          ctx.header("Idempotent-Replayed", "true");
        }
        HttpApi.json(ctx, 200, out);
        return null;
      }
      Throwable c = x instanceof CompletionException && x.getCause() != null ? x.getCause() : x;
      switch (c) {
        case ClientIdConflictException e -> {
          int i = 0;
          while (i < commands.size() && !commands.get(i).clientId().equals(e.clientId())) {
            i++;
          }
          HttpApi.error(ctx, 409, "client_id_conflict", "fills[" + i + "].client_id",
              e.getMessage().substring("client_id: ".length()));
        }
        case InvalidInputException e -> HttpApi.error(ctx, 400, "invalid_input", "fills[0]." + e.field(),
            e.reason());
        case StoreUnavailableException e -> {
          ctx.header("Retry-After", "1");
          HttpApi.error(ctx, 503, "unavailable", null, e.getMessage());
        }
        default -> HttpApi.error(ctx, 500, "internal", null, "internal error");
      }
      return null;
    }));
  }
}
