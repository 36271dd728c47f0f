package org.gongkai.parse;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One cell of a parsed report. A cell is a {@link Status#VALUE}, a {@link Status#BLANK} the report left unfilled
 * (empty, —, /, 无…), {@link Status#MISSING} when the parser could not find it, or {@link Status#INVALID} when it
 * holds a number the value type cannot store (a 26-digit figure). Only VALUE has a value: a blank is never
 * recorded as 0, an invalid number never as a rounded or null value.
 */
public record Cell(String key, BigDecimal value, Status status, String raw, Lineage lineage) {

  public enum Status { VALUE, BLANK, MISSING, INVALID }

  /**
   * The value type every stored figure has: DECIMAL(VALUE_PRECISION, VALUE_SCALE), so at most
   * {@code VALUE_PRECISION - VALUE_SCALE} integer digits. A precision of at most 18 is stored as a long, in Spark
   * and in Parquet: sums and comparisons are long arithmetic, not BigDecimal (jobs/bench-results.md).
   */
  public static final int VALUE_PRECISION = 18;
  public static final int VALUE_SCALE = 4;

  public static Cell missing(String key) {
    return new Cell(key, null, Status.MISSING, null, null);
  }

  /** Whether a number can be stored as a value: its integer part fits once rounded to the value type's scale. */
  public static boolean fits(BigDecimal v) {
    // integer digits first: a number of thousands of digits is not rounded to find out
    return v.precision() - v.scale() <= VALUE_PRECISION - VALUE_SCALE
        && v.setScale(VALUE_SCALE, RoundingMode.HALF_UP).precision() <= VALUE_PRECISION;
  }

  public boolean isBlank() {
    return status == Status.BLANK;
  }

  public boolean isMissing() {
    return status == Status.MISSING;
  }

  /** No figure known: the cell was not found, or its number could not be stored. Rules skip such cells. */
  public boolean isUnknown() {
    return status == Status.MISSING || status == Status.INVALID;
  }
}
