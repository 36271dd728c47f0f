package org.gongkai.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gongkai.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The parser reads, it does not guess: change any one number printed in a seed's tables and exactly one cell
 * changes, to exactly that number. Run over every number of every table of every seed.
 */
class SeedMutationTest {

  private static final ReportParser PARSER = new ReportParser();
  static final List<String> SEEDS = Fixtures.SEEDS;
  // a number standing alone in a cell: bounded by the line, whitespace or a "|" cell separator
  private static final Pattern CELL_NUMBER = Pattern.compile("(?<=^|[\\s|])\\d+(?=$|[\\s|])", Pattern.MULTILINE);

  /** Offset of a heading line (a short line naming the section, not prose that mentions it). */
  private static int headingOffset(String text, String heading, int from) {
    Matcher h = Pattern.compile("(?m)^[^\\n]{0,14}" + heading + "[^\\n]{0,12}$").matcher(text);
    return h.find(from) ? h.start() : -1;
  }

  @ParameterizedTest
  @FieldSource("SEEDS")
  void eachPrintedNumberDrivesExactlyOneCell(String seed) throws Exception {
    String text = Fixtures.seedText(seed);
    int from = headingOffset(text, "主动公开政府信息情况", 0);
    int to = headingOffset(text, "存在的主要问题", from);
    assertThat(from).isPositive();
    assertThat(to).isGreaterThan(from);

    List<int[]> spans = new ArrayList<>();
    Matcher m = CELL_NUMBER.matcher(text);
    m.region(from, to);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    assertThat(spans).as("numbers printed in the three tables").hasSize(200);

    Map<String, Cell> original = PARSER.parse(text.getBytes(StandardCharsets.UTF_8), seed).cellMap();
    for (int i = 0; i < spans.size(); i++) {
      int[] s = spans.get(i);
      String marker = Integer.toString(7000 + i);
      String mutated = text.substring(0, s[0]) + marker + text.substring(s[1]);
      Map<String, Cell> cells = PARSER.parse(mutated.getBytes(StandardCharsets.UTF_8), seed).cellMap();

      List<String> changed = new ArrayList<>();
      cells.forEach((key, cell) -> {
        BigDecimal before = original.get(key).value();
        if (cell.value() == null || before == null || cell.value().compareTo(before) != 0) {
          changed.add(key);
        }
      });
      assertThat(changed).as("cells changed by number #%d at offset %d", i, s[0]).hasSize(1);
      assertThat(cells.get(changed.get(0)).value()).isEqualByComparingTo(marker);
    }
  }
}
