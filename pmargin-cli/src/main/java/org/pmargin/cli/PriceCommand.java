package org.pmargin.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.Json;
import org.pmargin.data.JsonErrors;
import org.pmargin.data.pricecase.PriceCase;
import org.pmargin.data.pricecase.PriceCaseEvaluator;
import org.pmargin.data.pricecase.PriceCaseJson;
import tools.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pmargin price}: prices option cases read as JSON lines, one JSON result per line.
 */
@Command(name = "price", mixinStandardHelpOptions = true,
    description = {"Price European options (Black-76 or Black-Scholes) or imply their vol, one JSON case per line.",
        "",
        "Input line: {\"model\":\"black76\",\"type\":\"call\",\"forward\":60000,\"strike\":65000,\"vol\":0.6,"
            + "\"expiry_years\":0.25,\"rate\":0.0}",
        "  model black-scholes takes \"spot\" (and optional \"dividend_yield\") instead of \"forward\";",
        "  \"price\" instead of \"vol\" returns the implied vol; \"settlement\":\"coin\" with \"index\" gives coin"
            + " figures (USD / index).",
        "Output: price, delta, gamma, vega (per 1.00 vol), theta (per year, -dV/dT), vanna, volga, rho (per 1.00 of "
            + "rate) and, for black-scholes, dividend_rho (per 1.00 of dividend_yield); "
            + "delta/gamma w.r.t. the forward (black76) or spot (black-scholes).",
        "A bad line gives an error object naming the field; the other lines are still priced; exit code 1 then.",
        "Format: docs/FORMATS.md."})
final class PriceCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
      description = "JSON-lines file of option cases, or - for standard input.")
  private String input;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    boolean anyError = false;
    String source = input.equals("-") ? "standard input" : input;
    try (BufferedReader reader = new BufferedReader(open(input))) {
      String text;
      long line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        JsonNode node = null;
        try {
          node = Json.parse(text, source, line);
          PriceCase c;
          try {
            c = PriceCaseJson.parse(node);
          } catch (InvalidInputException e) {
            throw JsonErrors.located(e, text, source, line);
          }
          out.println(Json.MAPPER.writeValueAsString(PriceCaseJson.write(line, PriceCaseEvaluator.evaluate(c))));
        } catch (InvalidInputException e) {
          anyError = true;
          out.println(Json.MAPPER.writeValueAsString(PriceCaseJson.writeError(line, PriceCaseJson.idOf(node), e)));
        }
      }
    }
    out.flush();
    return anyError ? ExitCodes.BAD_INPUT : ExitCodes.OK;
  }

  private Reader open(String name) throws IOException {
    if (name.equals("-")) {
      return new InputStreamReader(System.in, StandardCharsets.UTF_8);
    }
    try {
      return Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("input", "no such file: " + name);
    }
  }
}
