package org.gongkai.catalog;

import java.util.List;
import java.util.Set;

/**
 * One row of a standard table in one or more template versions.
 *
 * @param match label fragments that identify the row in a report; a fragment starting with "=" must equal the
 *              whole normalised label
 */
public record RowSpec(String table, String key, String zh, String en, List<String> match, Set<String> formats,
                      List<ColumnSpec> columns) {

  public RowSpec {
    match = List.copyOf(match);
    formats = Set.copyOf(formats);
    columns = List.copyOf(columns);
  }

  public int width() {
    return columns.size();
  }

  public boolean in(String format) {
    return formats.contains(format);
  }

  public String metricKey(ColumnSpec column) {
    return table + "." + key + "." + column.key();
  }
}
