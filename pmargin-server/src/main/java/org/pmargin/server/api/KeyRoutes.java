package org.pmargin.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.Set;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Fields;
import org.pmargin.data.Json;
import org.pmargin.server.auth.ApiKey;
import org.pmargin.server.auth.ApiKeys;
import org.pmargin.server.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Key management for admins: {@code POST /v1/keys} creates a key and answers its secret (the only time it is
 * shown), {@code GET /v1/keys} lists keys without secrets or hashes, {@code DELETE /v1/keys/{id}} revokes one.
 * The access check ({@link Access}) admits admins only.
 */
final class KeyRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(KeyRoutes.class);

  private KeyRoutes() {
  }

  static void install(RoutesConfig r, ApiKeys keys) {
    r.post("/v1/keys", ctx -> create(ctx, keys));
    r.get("/v1/keys", ctx -> {
      ObjectNode out = Json.MAPPER.createObjectNode();
      ArrayNode list = out.putArray("keys");
      keys.list().forEach(k -> list.add(view(k)));
      send(ctx, 200, out);
    });
    r.delete("/v1/keys/{id}", ctx -> {
      String id = ctx.pathParam("id");
      ApiKey k = keys.revoke(id).orElseThrow(() -> new AccessDeniedException(404, "not_found", "key_id",
          "no active key " + (id.matches("[0-9a-f]{1,16}") ? id : "with that id")));
      LOG.info("API key {} ({}) revoked by key {}", k.id(), k.role().code(), Access.caller(ctx).id());
      send(ctx, 200, view(k));
    });
  }

  private static void create(Context ctx, ApiKeys keys) {
    Fields f = Requests.body(ctx).onlyKnown(Set.of("role", "accounts", "label"));
    Role role = Role.of(f.text("role"), "role");
    Set<String> accounts = new LinkedHashSet<>();
    if (f.has("accounts")) {
      JsonNode a = f.node().get("accounts");
      if (!a.isArray() || a.size() > 1000) {
        throw new InvalidInputException("accounts", "must be an array of at most 1000 account ids");
      }
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).isString()) {
          throw new InvalidInputException("accounts[" + i + "]", "must be an account id string");
        }
        try {
          accounts.add(Requests.account(a.get(i).stringValue()));
        } catch (InvalidInputException e) {
          throw new InvalidInputException("accounts[" + i + "]", e.reason());
        }
      }
    }
    ApiKeys.Created c = keys.create(role, accounts, f.text("label", ""));
    LOG.info("API key {} ({}) created by key {}", c.key().id(), role.code(), Access.caller(ctx).id());
    ObjectNode out = view(c.key());
    out.put("secret", c.secret());
    ctx.header("Cache-Control", "no-store");
    send(ctx, 201, out);
  }

  private static ObjectNode view(ApiKey k) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("key_id", k.id()).put("role", k.role().code());
    ArrayNode a = n.putArray("accounts");
    k.accounts().stream().sorted().forEach(a::add);
    n.put("label", k.label()).put("created_at", k.createdAt());
    if (k.revokedAt() != null) {
      n.put("revoked_at", k.revokedAt());
    }
    n.put("active", k.active());
    return n;
  }

  private static void send(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsString(body));
  }
}
