package org.gongkai.check;

import java.math.BigDecimal;
import java.util.List;

/**
 * One inconsistency: which rule, how bad, what was expected and found, the cells involved (with where they were
 * read) and a message in Chinese and English.
 */
public record Anomaly(String ruleId, String severity, String scope, BigDecimal expected, BigDecimal actual,
                      BigDecimal difference, List<Involved> cells, String messageZh, String messageEn) {

  public Anomaly {
    cells = List.copyOf(cells);
  }

  /** A cell an anomaly involves, with its lineage. */
  public record Involved(String key, BigDecimal value, String status, String raw, String rowLabel, Integer line) {
  }
}
