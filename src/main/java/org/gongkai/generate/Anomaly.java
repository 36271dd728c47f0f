package org.gongkai.generate;

import java.util.List;

/** An injected inconsistency: its type, the printed cells it involves, and what it looks like in the report. */
record Anomaly(AnomalyType type, List<String> cells, String detail) {

  Anomaly {
    cells = List.copyOf(cells);
  }
}
