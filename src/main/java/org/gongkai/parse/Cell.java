package org.gongkai.parse;

import java.math.BigDecimal;

/**
 * One cell of a parsed report. A cell is a {@link Status#VALUE}, a {@link Status#BLANK} the report left unfilled
 * (empty, —, /, 无…), or {@link Status#MISSING} when the parser could not find it. Only VALUE has a value: a
 * blank is never recorded as 0.
 */
public record Cell(String key, BigDecimal value, Status status, String raw, Lineage lineage) {

  public enum Status { VALUE, BLANK, MISSING }

  public static Cell missing(String key) {
    return new Cell(key, null, Status.MISSING, null, null);
  }

  public boolean isBlank() {
    return status == Status.BLANK;
  }

  public boolean isMissing() {
    return status == Status.MISSING;
  }
}
