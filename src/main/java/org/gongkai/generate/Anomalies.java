package org.gongkai.generate;

import static org.gongkai.generate.TemplateView.CARRIED_OVER;
import static org.gongkai.generate.TemplateView.NEW_RECEIVED;
import static org.gongkai.generate.TemplateView.RESULTS_TOTAL;
import static org.gongkai.generate.TemplateView.TOTAL;
import static org.gongkai.generate.TemplateView.t3;
import static org.gongkai.generate.TemplateView.t4;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gongkai.catalog.ColumnSpec;
import org.gongkai.catalog.RowSpec;

/**
 * Injects one anomaly into a report's printed figures. Each injection breaks exactly the identity its type names
 * and keeps every other one: where a changed cell would also break another identity, a second cell moves with it.
 * carried_forward is never changed, so the next year's carry-over stays continuous.
 */
final class Anomalies {

  /** The altered figures, the anomaly, and the number of applications the prose states (null: the table's). */
  record Injected(Figures figures, Anomaly anomaly, Long statedApplications) {
  }

  private Anomalies() {
  }

  static Injected inject(AnomalyType type, TemplateView t, Figures clean, SplittableRandom r) {
    Figures.Builder b = clean.toBuilder();
    return switch (type) {
      case IDENTITY_BROKEN -> identityBroken(t, b, r);
      case ROW_TOTAL_WRONG -> rowTotalWrong(t, b, r);
      case RESULTS_TOTAL_WRONG -> resultsTotalWrong(t, b, r);
      case T4_SUM_OFF_BY_ONE -> t4OffByOne(t, b, r);
      case TEXT_TABLE_MISMATCH -> textTableMismatch(b, r);
      case CARRY_OVER_DISCONTINUITY -> carryOver(t, b, r);
      case DUPLICATE_CONFLICTING -> throw new IllegalArgumentException("a duplicate is made by conflict()");
    };
  }

  /** Mostly the natural persons' column, where most applications are. */
  private static String column(TemplateView t, SplittableRandom r) {
    return (r.nextInt(5) < 3 ? t.applicants().get(0) : Draws.pick(r, t.applicants())).key();
  }

  private static long delta(SplittableRandom r) {
    return Draws.between(r, 1, 3);
  }

  private static Injected identityBroken(TemplateView t, Figures.Builder b, SplittableRandom r) {
    String c = column(t, r);
    long d = delta(r);
    if (b.count(t3(NEW_RECEIVED, c)) >= d && r.nextBoolean()) {
      d = -d;
    }
    b.add(t3(NEW_RECEIVED, c), d).add(t3(NEW_RECEIVED, TOTAL), d);
    return new Injected(b.build(), new Anomaly(AnomalyType.IDENTITY_BROKEN,
        List.of(t3(NEW_RECEIVED, c), t3(NEW_RECEIVED, TOTAL)),
        "new_received." + c + " printed " + (d > 0 ? "+" : "") + d + " off, so columns " + c
            + " and total no longer balance"), null);
  }

  /**
   * Moves a few applications from one result row to another within a column: both rows' totals are then wrong
   * while every column still adds up. A report of zeros gets a total raised along with the totals it feeds.
   */
  private static Injected rowTotalWrong(TemplateView t, Figures.Builder b, SplittableRandom r) {
    List<RowSpec> results = t.resultRows();
    List<String[]> donors = new ArrayList<>();
    for (RowSpec row : results) {
      for (ColumnSpec col : t.applicants()) {
        if (b.count(t3(row.key(), col.key())) > 0) {
          donors.add(new String[] {row.key(), col.key()});
        }
      }
    }
    if (!donors.isEmpty()) {
      String[] from = Draws.pick(r, donors);
      String c = from[1];
      long d = Math.min(delta(r), b.count(t3(from[0], c)));
      String to;
      do {
        to = Draws.pick(r, results).key();
      } while (to.equals(from[0]));
      b.add(t3(from[0], c), -d).add(t3(to, c), d);
      return new Injected(b.build(), new Anomaly(AnomalyType.ROW_TOTAL_WRONG,
          List.of(t3(to, c), t3(to, TOTAL), t3(from[0], c), t3(from[0], TOTAL)),
          d + " moved from " + from[0] + "." + c + " to " + to + "." + c + " without updating either row's total"),
          null);
    }
    String row = Draws.pick(r, results).key();
    long d = delta(r);
    b.add(t3(row, TOTAL), d).add(t3(RESULTS_TOTAL, TOTAL), d).add(t3(NEW_RECEIVED, TOTAL), d);
    return new Injected(b.build(), new Anomaly(AnomalyType.ROW_TOTAL_WRONG,
        List.of(t3(row, TOTAL), t3(RESULTS_TOTAL, TOTAL), t3(NEW_RECEIVED, TOTAL)),
        "total column of " + row + ", results_total and new_received raised by " + d
            + " while their applicant columns stay 0"), null);
  }

  /** results_total raised in a column, with new_received raised alike so that the column still balances. */
  private static Injected resultsTotalWrong(TemplateView t, Figures.Builder b, SplittableRandom r) {
    String c = column(t, r);
    long d = delta(r);
    b.add(t3(RESULTS_TOTAL, c), d).add(t3(RESULTS_TOTAL, TOTAL), d)
        .add(t3(NEW_RECEIVED, c), d).add(t3(NEW_RECEIVED, TOTAL), d);
    return new Injected(b.build(), new Anomaly(AnomalyType.RESULTS_TOTAL_WRONG,
        List.of(t3(RESULTS_TOTAL, c), t3(RESULTS_TOTAL, TOTAL)),
        "results_total." + c + " exceeds the sum of the result rows by " + d
            + " (new_received." + c + " raised alike, so the first identity holds)"), null);
  }

  private static Injected t4OffByOne(TemplateView t, Figures.Builder b, SplittableRandom r) {
    String group = Draws.pick(r, t.t4Rows()).key();
    long total = b.count(t4(group, TOTAL));
    long d = total == 0 || r.nextBoolean() ? 1 : -1;
    b.add(t4(group, TOTAL), d);
    return new Injected(b.build(), new Anomaly(AnomalyType.T4_SUM_OFF_BY_ONE, List.of(t4(group, TOTAL)),
        group + " total printed " + (total + d) + ", its outcomes sum to " + total), null);
  }

  private static Injected textTableMismatch(Figures.Builder b, SplittableRandom r) {
    long printed = b.count(t3(NEW_RECEIVED, TOTAL));
    long stated;
    do {
      stated = r.nextInt(4) == 0 && printed > 0 ? printed * 10 : printed + Draws.between(r, -5, 5);
    } while (stated < 0 || stated == printed);
    return new Injected(b.build(), new Anomaly(AnomalyType.TEXT_TABLE_MISMATCH, List.of(t3(NEW_RECEIVED, TOTAL)),
        "the prose says 收到政府信息公开申请" + stated + "件, table 3 prints " + printed), stated);
  }

  /** carried_over raised in a column; the extra applications are granted, so this year still balances. */
  private static Injected carryOver(TemplateView t, Figures.Builder b, SplittableRandom r) {
    String c = column(t, r);
    long d = delta(r);
    String first = t.resultRows().get(0).key();
    long before = b.count(t3(CARRIED_OVER, c));
    b.add(t3(CARRIED_OVER, c), d).add(t3(CARRIED_OVER, TOTAL), d).add(t3(first, c), d).add(t3(first, TOTAL), d)
        .add(t3(RESULTS_TOTAL, c), d).add(t3(RESULTS_TOTAL, TOTAL), d);
    return new Injected(b.build(), new Anomaly(AnomalyType.CARRY_OVER_DISCONTINUITY,
        List.of(t3(CARRIED_OVER, c), t3(CARRIED_OVER, TOTAL)),
        "carried_over." + c + " printed " + (before + d) + ", the previous year's report carried forward " + before),
        null);
  }

  /** A second version of a report: a few more applications received and granted, consistent in itself. */
  static Injected conflict(TemplateView t, Figures original, String originalFile, SplittableRandom r) {
    Figures.Builder b = original.toBuilder();
    String c = column(t, r);
    long d = delta(r);
    String first = t.resultRows().get(0).key();
    List<String> cells = List.of(t3(NEW_RECEIVED, c), t3(NEW_RECEIVED, TOTAL), t3(first, c), t3(first, TOTAL),
        t3(RESULTS_TOTAL, c), t3(RESULTS_TOTAL, TOTAL));
    cells.forEach(k -> b.add(k, d));
    return new Injected(b.build(), new Anomaly(AnomalyType.DUPLICATE_CONFLICTING, cells,
        "same agency and year as " + originalFile + "; these cells are " + d + " higher here"), null);
  }
}
