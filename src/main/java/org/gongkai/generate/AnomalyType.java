package org.gongkai.generate;

import java.util.Arrays;

/** The inconsistencies the generator injects, named as the ground truth records them. */
public enum AnomalyType {
  /** One column's new_received + carried_over differs from results_total + carried_forward. */
  IDENTITY_BROKEN("identity_broken"),
  /** A table 3 row's total differs from the sum of its six applicant columns. */
  ROW_TOTAL_WRONG("row_total_wrong"),
  /** results_total differs from the sum of the result rows in a column. */
  RESULTS_TOTAL_WRONG("results_total_wrong"),
  /** A table 4 group's total is one off the sum of its outcomes. */
  T4_SUM_OFF_BY_ONE("t4_sum_off_by_one"),
  /** The prose states a number of applications other than table 3's new_received total. */
  TEXT_TABLE_MISMATCH("text_table_mismatch"),
  /** carried_over differs from the previous year's carried_forward of the same agency. */
  CARRY_OVER_DISCONTINUITY("carry_over_discontinuity"),
  /** A second file for the same agency and year with different figures. */
  DUPLICATE_CONFLICTING("duplicate_conflicting");

  private final String id;

  AnomalyType(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static AnomalyType of(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown anomaly type " + id));
  }
}
