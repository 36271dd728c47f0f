package org.gongkai.catalog;

import java.util.List;

/** A standard table (2, 3 or 4) with every row of every template version, in template order. */
public record TableSpec(String id, int number, String zh, String en, List<String> headings, List<RowSpec> rows) {

  public TableSpec {
    headings = List.copyOf(headings);
    rows = List.copyOf(rows);
  }

  /** The rows of this table in the given template version, in the order the template prints them. */
  public List<RowSpec> rows(String format) {
    return rows.stream().filter(r -> r.in(format)).toList();
  }

  /** True when a (normalised) heading line names this table. */
  public boolean isHeading(String normalisedLine) {
    for (String heading : headings) { // a loop, not a stream: asked of every short line of every report
      if (!normalisedLine.contains(heading)) {
        return false;
      }
    }
    return true;
  }
}
