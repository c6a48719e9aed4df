package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmargin.server.Server;
import org.pmargin.server.store.StoreLocation;
import org.pmargin.server.support.Http;
import org.pmargin.server.support.Workload;

/**
 * {@code GET /openapi.json} (open, no key) parses as OpenAPI 3 without a message (swagger-parser), and documents
 * exactly the HTTP routes Javalin registered: every registered route documented and every documented route
 * registered. WebSocket routes are not HTTP routes; static asset paths are left out by {@link #NOT_API}.
 */
class OpenApiTest {

  static final String ADMIN = "openapi-test-admin-key-0123456789abcdef-xyz";

  /** Registered paths that are not API routes (static dashboard assets): not documented. */
  static final Predicate<String> NOT_API = p -> p.startsWith("/dashboard") || p.startsWith("/webjars") || p.startsWith("/assets")
      || p.contains("*");

  @TempDir
  Path tmp;

  @Test
  void shouldDocumentExactlyTheRegisteredRoutesInAValidOpenApi3File() throws Exception {
    try (Server s = Server.start(StoreLocation.embedded(tmp), Workload.settings(), "127.0.0.1", 0,
        Optional.of(ADMIN))) {
      Http.Reply r = Http.call(s.port(), "GET", "/openapi.json", null, null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
      ParseOptions o = new ParseOptions();
      o.setResolve(true);
      SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.text(), null, o);
      assertThat(parsed.getMessages()).as("parser messages").isEmpty();
      OpenAPI api = parsed.getOpenAPI();
      assertThat(api.getOpenapi()).startsWith("3.");
      assertThat(api.getComponents().getSecuritySchemes().get("apiKey").getScheme()).isEqualTo("bearer");
      assertThat(api.getComponents().getSchemas()).containsKey("Error");

      TreeSet<String> documented = new TreeSet<>();
      api.getPaths().forEach((path, item) -> {
        for (Map.Entry<io.swagger.v3.oas.models.PathItem.HttpMethod, Operation> e
            : item.readOperationsMap().entrySet()) {
          documented.add(e.getKey().name() + " " + path);
          Operation op = e.getValue();
          assertThat(op.getDescription()).as(path + " names its roles").startsWith("Roles: ");
          boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
          assertThat(open).as(path + " open exactly when no key is needed")
              .isEqualTo(op.getDescription().contains("open (no key"));
          if (!open) {
            assertThat(op.getResponses().keySet()).as(path + " documents its 401 and 429").contains("401", "429");
          }
        }
      });
      TreeSet<String> registered = new TreeSet<>();
      for (String route : s.routes()) {
        String path = route.substring(route.indexOf(' ') + 1);
        if (!NOT_API.test(path)) {
          registered.add(route.toUpperCase(Locale.ROOT).substring(0, route.indexOf(' ')) + " " + path);
        }
      }
      assertThat(registered).as("registered routes").hasSizeGreaterThan(20);
      assertThat(documented).as("documented routes equal the registered ones").isEqualTo(registered);
    }
  }
}
