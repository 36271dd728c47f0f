package org.gongkai.generate;

import static org.gongkai.generate.TemplateView.CARRIED_FORWARD;
import static org.gongkai.generate.TemplateView.CARRIED_OVER;
import static org.gongkai.generate.TemplateView.NEW_RECEIVED;
import static org.gongkai.generate.TemplateView.RESULTS_TOTAL;
import static org.gongkai.generate.TemplateView.TOTAL;
import static org.gongkai.generate.TemplateView.t3;
import static org.gongkai.generate.TemplateView.t4;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gongkai.catalog.ColumnSpec;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.RowSpec;

/**
 * The identities a report's printed figures must satisfy, and where they do not. A blank cell counts as 0 (the
 * generator blanks only zeros). Used by the generator to check its own injections, and by anyone checking a
 * corpus against its ground truth.
 */
public final class Identities {

  /** One identity that does not hold. {@code type} is an {@link AnomalyType} id, or t4_total_wrong. */
  public record Violation(String type, List<String> cells, String detail) {
    public Violation {
      cells = List.copyOf(cells);
    }
  }

  private final TemplateView template;

  public Identities(MetricCatalog catalog, String format) {
    this.template = new TemplateView(catalog, format);
  }

  /** Every identity of one report that does not hold; empty for a consistent report. */
  public List<Violation> check(Map<String, BigDecimal> cells) {
    List<Violation> out = new ArrayList<>();
    List<RowSpec> results = template.resultRows();
    for (ColumnSpec col : template.applicantColumns()) {
      String c = col.key();
      long in = v(cells, t3(NEW_RECEIVED, c)) + v(cells, t3(CARRIED_OVER, c));
      long done = v(cells, t3(RESULTS_TOTAL, c)) + v(cells, t3(CARRIED_FORWARD, c));
      if (in != done) {
        out.add(new Violation(AnomalyType.IDENTITY_BROKEN.id(),
            List.of(t3(NEW_RECEIVED, c), t3(CARRIED_OVER, c), t3(RESULTS_TOTAL, c), t3(CARRIED_FORWARD, c)),
            "column " + c + ": new_received + carried_over = " + in + ", results_total + carried_forward = " + done));
      }
      long sum = results.stream().mapToLong(r -> v(cells, t3(r.key(), c))).sum();
      long total = v(cells, t3(RESULTS_TOTAL, c));
      if (sum != total) {
        out.add(new Violation(AnomalyType.RESULTS_TOTAL_WRONG.id(), List.of(t3(RESULTS_TOTAL, c)),
            "column " + c + ": result rows sum to " + sum + ", results_total is " + total));
      }
    }
    for (RowSpec row : template.t3Rows()) {
      long sum = template.applicants().stream().mapToLong(col -> v(cells, t3(row.key(), col.key()))).sum();
      long total = v(cells, t3(row.key(), TOTAL));
      if (sum != total) {
        out.add(new Violation(AnomalyType.ROW_TOTAL_WRONG.id(), List.of(t3(row.key(), TOTAL)),
            "row " + row.key() + ": columns sum to " + sum + ", total is " + total));
      }
    }
    for (RowSpec group : template.t4Rows()) {
      long sum = template.outcomes().stream().mapToLong(o -> v(cells, t4(group.key(), o.key()))).sum();
      long total = v(cells, t4(group.key(), TOTAL));
      if (sum != total) {
        out.add(new Violation(Math.abs(sum - total) == 1 ? AnomalyType.T4_SUM_OFF_BY_ONE.id() : "t4_total_wrong",
            List.of(t4(group.key(), TOTAL)), "group " + group.key() + ": outcomes sum to " + sum + ", total is "
            + total));
      }
    }
    return out;
  }

  /** Columns whose carried_over differs from the previous year's carried_forward. */
  public List<Violation> carryOver(Map<String, BigDecimal> previousYear, Map<String, BigDecimal> year) {
    List<Violation> out = new ArrayList<>();
    for (ColumnSpec col : template.applicantColumns()) {
      long before = v(previousYear, t3(CARRIED_FORWARD, col.key()));
      long now = v(year, t3(CARRIED_OVER, col.key()));
      if (before != now) {
        out.add(new Violation(AnomalyType.CARRY_OVER_DISCONTINUITY.id(), List.of(t3(CARRIED_OVER, col.key())),
            "column " + col.key() + ": carried over " + now + ", the year before carried forward " + before));
      }
    }
    return out;
  }

  private static long v(Map<String, BigDecimal> cells, String key) {
    BigDecimal value = cells.get(key);
    return value == null ? 0 : value.longValueExact();
  }
}
