package org.pmargin.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The access check's account-path parser against the regular expression it replaces, on every path of up to seven
 * characters over {@code a}, {@code b}, {@code /} after {@code /v1/accounts} (and a few other prefixes): the same
 * id and sub-route, or no match, for each.
 */
class AccessPathTest {

  private static final Pattern ACCOUNT = Pattern.compile("^/v1/accounts/([^/]+)(/[^/]+)?/?$");

  @Test
  void shouldParseAccountPathsExactlyAsTheRegularExpression() {
    List<String> tails = new ArrayList<>(List.of(""));
    List<String> all = new ArrayList<>(tails);
    for (int len = 1; len <= 7; len++) {
      List<String> next = new ArrayList<>();
      for (String t : tails) {
        for (char c : new char[] {'a', 'b', '/'}) {
          next.add(t + c);
        }
      }
      all.addAll(next);
      tails = next;
    }
    int matched = 0;
    for (String prefix : List.of("/v1/accounts", "/v1/account", "/v2/accounts", "")) {
      for (String tail : all) {
        String path = prefix + tail;
        Matcher m = ACCOUNT.matcher(path);
        String[] got = Access.account(path);
        if (m.matches()) {
          matched++;
          assertThat(got).as(path).containsExactly(m.group(1), m.group(2));
        } else {
          assertThat(got).as(path).isNull();
        }
      }
    }
    assertThat(matched).isGreaterThan(100);
  }
}
