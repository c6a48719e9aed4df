package org.pmargin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.data.pricecase.PriceCaseJson;

/**
 * Errors in JSON input are said in the user's terms: the file, the line and the column, what is wrong and what was
 * expected, and nothing of the parser's internals (its source descriptions, its feature names).
 */
class JsonErrorsTest {

  @TempDir
  Path dir;

  /**
   * Each case: a portfolio file (| stands for a line break), the field the error names, its line and column (counted
   * by hand in the text), and words of the message saying what was expected.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      nan;          {"version":1,"account":"x",| "collateral":{"USDC":NaN}};        json;            2; 23; expected a finite number
      infinity;     {"version":1,"account":"x",| "collateral":{"USDC":-Infinity}};  json;            2; 23; expected a finite number
      truncated;    {"version":1,"account":"x",| "collateral":{"USDC":1;            json;            2; 24; expected '}' to close an object
      wrong type;   {"version":1,"account":"x",| "collateral":{"USDC":"lots"}};     collateral.USDC; 2; 16; must be a number, got string "lots"
      unknown;      {"version":1,"account":"x",| "colateral":{"USDC":1}};           colateral;       2; 2;  unknown field (expected one of [account, collateral
      duplicate;    {"version":1,"account":"x",| "account":"y"};                    json;            2; 11; expected each field once
      junk;         {"version":1,"account":"x"| "collateral":{}};                   json;            2; 2;  expected ',' between the object's fields
      bad token;    {"version":1,"account":x};                                      json;            1; 24; expected a value
      in an array;  {"version":1,"account":"x","positions":[| {"instrument":"BTC-PERPETUAL","quantity":"1","entry_price":1}]}; positions[0].quantity; 2; 32; must be a number
      missing;      {"version":1};                                                  account;         1; 1;  is required
      """)
  void shouldNameFileLineColumnAndWhatWasExpected(String name, String text, String field, int line, int column,
      String expected) throws Exception {
    Path file = dir.resolve(name.replace(' ', '-') + ".json");
    Files.writeString(file, text.replace("|", "\n"));
    assertThatThrownBy(() -> PortfolioJson.read(file))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.getMessage())
              .contains("(in " + file + ", line " + line + ", column " + column + ")")
              .contains(expected)
              .doesNotContain("Source:").doesNotContain("JsonReadFeature").doesNotContain("StreamReadFeature")
              .doesNotContain("REDACTED").doesNotContain("`");
        });
  }

  @Test
  void shouldCountLinesOfAJsonLinesFileFromTheLineGiven() {
    String text = "{\"type\":\"call\",\"forward\":NaN}";
    assertThatThrownBy(() -> Json.parse(text, "cases.jsonl", 7)).hasMessage(
        "json: NaN is not a JSON number; expected a finite number (NaN and Infinity are not JSON) "
            + "(in cases.jsonl, line 7, column 26)");
    String typo = "{\"type\":\"call\",\"forwrd\":1}";
    InvalidInputException e = JsonErrors.located(
        catchInvalid(() -> PriceCaseJson.parse(Json.parse(typo, "cases.jsonl", 9))), typo, "cases.jsonl", 9);
    assertThat(e.field()).isEqualTo("forwrd");
    assertThat(e.getMessage()).contains("unknown field", "(in cases.jsonl, line 9, column 16)");
  }

  @Test
  void shouldNotLocateAnErrorTwice() {
    InvalidInputException once = JsonErrors.located(new InvalidInputException("a", "is bad"), "{\"a\":1}", "f.json", 1);
    assertThat(JsonErrors.located(once, "{\"a\":1}", "f.json", 1).getMessage())
        .isEqualTo("a: is bad (in f.json, line 1, column 2)");
  }

  @Test
  void shouldMapFieldPathsToPointers() {
    assertThat(JsonErrors.pointer("positions[2].quantity")).isEqualTo("/positions/2/quantity");
    assertThat(JsonErrors.pointer("underlyings.BTC.vol_surface.expiries[0][1].a"))
        .isEqualTo("/underlyings/BTC/vol_surface/expiries/0/1/a");
    assertThat(JsonErrors.pointer("json")).isEmpty();
  }

  private static InvalidInputException catchInvalid(Runnable r) {
    try {
      r.run();
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("no error");
  }
}
