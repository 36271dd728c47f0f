package org.gongkai.parse.table;

import java.util.List;
import java.util.Map;
import org.gongkai.parse.Cell;

/** The cells one table reader found (by metric key; absent keys were not found) and what it noticed. */
public record TableResult(Map<String, Cell> cells, List<String> warnings) {

  public TableResult {
    cells = Map.copyOf(cells);
    warnings = List.copyOf(warnings);
  }
}
