package org.gongkai.parse.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.TableSpec;
import org.gongkai.parse.table.Labels;

/**
 * Finds the report's table sections (二、主动公开… 三、收到和处理… 四、…行政复议、行政诉讼…) by their headings. A
 * heading is a short line naming the table, with or without its number (二、 2、 or none); long prose lines
 * that mention the same words are not headings.
 */
public final class Sections {

  static final int MAX_HEADING_LENGTH = 40;

  /** A table's section: the lines after its heading up to the next heading. */
  public record Section(TableSpec table, int headingLine, int firstLine, List<String> lines) {
  }

  private Sections() {
  }

  /** The sections found, by table id, in report order. Tables whose heading is absent are not in the map. */
  public static Map<String, Section> find(List<String> lines, MetricCatalog catalog) {
    List<TableSpec> tables = catalog.tables();
    int[] heading = new int[tables.size()];
    int from = 0;
    for (int t = 0; t < tables.size(); t++) {
      heading[t] = -1;
      for (int i = from; i < lines.size(); i++) {
        String h = headingText(lines.get(i));
        if (h != null && tables.get(t).isHeading(h)) {
          heading[t] = i;
          from = i + 1;
          break;
        }
      }
    }
    int end = lines.size();
    for (int i = from; i < lines.size(); i++) {
      String h = headingText(lines.get(i));
      if (h != null && catalog.sectionEnds().stream().anyMatch(h::contains)) {
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
      int start = heading[t] + 1;
      out.put(tables.get(t).id(), new Section(tables.get(t), heading[t] + 1, start + 1,
          new ArrayList<>(lines.subList(start, Math.max(start, stop)))));
    }
    return out;
  }

  /** The squeezed text of a line that could be a heading, or null when it is too long to be one. */
  static String headingText(String line) {
    String s = Labels.squeeze(line.replace("|", ""));
    return s.isEmpty() || s.length() > MAX_HEADING_LENGTH ? null : s;
  }
}
