package org.gongkai.parse.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.TableSpec;
import org.gongkai.parse.table.Labels;

/**
 * Finds the report's table sections (二、主动公开… 三、收到和处理… 四、…行政复议、行政诉讼…) by their headings. A
 * heading is a short line naming the table, with or without its number (二、 2、 or none), possibly broken over two
 * lines; long prose lines that mention the same words are not headings.
 */
public final class Sections {

  static final int MAX_HEADING_LENGTH = 40;
  private static final Pattern DIGIT = Pattern.compile("\\d");

  /**
   * A table's section: lines {@code [from, to)} of the document, after the heading at {@code heading}.
   */
  public record Section(TableSpec table, int heading, int from, int to) {
  }

  private Sections() {
  }

  /** The sections found, by table id, in report order. Tables whose heading is absent are not in the map. */
  public static Map<String, Section> find(List<String> rawLines, MetricCatalog catalog) {
    // each line's heading form, computed once
    List<String> lines = rawLines.stream().map(Sections::headingText).toList();
    List<TableSpec> tables = catalog.tables();
    int[] heading = new int[tables.size()];
    int[] after = new int[tables.size()];
    int from = 0;
    for (int t = 0; t < tables.size(); t++) {
      heading[t] = -1;
      TableSpec table = tables.get(t);
      for (int i = from; i < lines.size(); i++) {
        int used = headingAt(lines, i, table::isHeading);
        if (used > 0) {
          heading[t] = i;
          after[t] = i + used;
          from = i + used;
          break;
        }
      }
    }
    int end = lines.size();
    for (int i = from; i < lines.size(); i++) {
      if (headingAt(lines, i, h -> catalog.sectionEnds().stream().anyMatch(h::contains)) > 0) {
        end = i;
        break;
      }
    }
    Map<String, Section> out = new LinkedHashMap<>();
    for (int t = 0; t < tables.size(); t++) {
      if (heading[t] < 0) {
        continue;
      }
      int stop = end;
      for (int u = t + 1; u < tables.size(); u++) {
        if (heading[u] >= 0) {
          stop = heading[u];
          break;
        }
      }
      out.put(tables.get(t).id(), new Section(tables.get(t), heading[t], after[t], Math.max(after[t], stop)));
    }
    return out;
  }

  /**
   * How many lines (1 or 2) starting at {@code i} form a heading accepted by {@code test}, or 0. A heading broken
   * over two lines (三、收到和处理政府信息 / 公开申请情况) is joined when it starts with a number, has no figures
   * and its second part is not a heading of its own.
   */
  private static int headingAt(List<String> lines, int i, java.util.function.Predicate<String> test) {
    String h = lines.get(i);
    if (h == null) {
      return 0;
    }
    if (test.test(h)) {
      return 1;
    }
    if (i + 1 < lines.size() && Labels.hasEnumerator(h) && !DIGIT.matcher(Labels.keyOfSqueezed(h)).find()) {
      String next = lines.get(i + 1);
      if (next != null && !DIGIT.matcher(next).find() && !Labels.hasEnumerator(next)
          && h.length() + next.length() <= MAX_HEADING_LENGTH && test.test(h + next)) {
        return 2;
      }
    }
    return 0;
  }

  /** The squeezed text of a line that could be a heading, or null when it is too long to be one. */
  static String headingText(String line) {
    if (line.length() > 4 * MAX_HEADING_LENGTH) {
      return null; // prose: cheaper to rule out before squeezing
    }
    String s = Labels.squeeze(line.indexOf('|') < 0 ? line : line.replace("|", ""));
    return s.isEmpty() || s.length() > MAX_HEADING_LENGTH ? null : s;
  }
}
