package org.gongkai.generate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.gongkai.catalog.ColumnSpec;
import org.gongkai.catalog.RowSpec;

/**
 * Chooses the cells a report leaves unfilled (corpus.yaml, blanks). Only cells whose figure is 0 are left blank,
 * as reports do: a county's 规章 row, the total column of empty rows, whole rows of nothing.
 */
final class Blanks {

  private Blanks() {
  }

  static Set<String> choose(Agency agency, TemplateView t, Figures f, Collection<String> keep, Settings corpus,
                            SplittableRandom r) {
    Set<String> out = new LinkedHashSet<>();
    if (!Draws.chance(r, corpus.number("blanks.report"))) {
      return out;
    }
    if (agency.belowPrefecture() && Draws.chance(r, corpus.number("blanks.regulationsSlash"))) {
      t.t2Rows().stream().filter(row -> row.key().equals("regulations")).findFirst()
          .ifPresent(row -> addRow(out, row, f));
    }
    long k = Draws.poisson(r, corpus.number("blanks.cellsPerReport"));
    List<RowSpec> zeroRows = t.t3Rows().stream().filter(row -> isZero(row, f)).toList();
    switch (r.nextInt(3)) {
      case 0 -> { // the total column of rows with nothing in them
        for (int i = 0; i < k && !zeroRows.isEmpty(); i++) {
          RowSpec row = Draws.pick(r, zeroRows);
          out.add(row.metricKey(last(row.columns())));
        }
      }
      case 1 -> { // whole rows with nothing in them
        for (int i = 0; i < Math.max(1, k / 3) && !zeroRows.isEmpty(); i++) {
          addRow(out, Draws.pick(r, zeroRows), f);
        }
      }
      default -> { // any zero cells
        List<String> zeros = new ArrayList<>();
        f.values().forEach((key, v) -> {
          if (v.signum() == 0) {
            zeros.add(key);
          }
        });
        for (int i = 0; i < k && !zeros.isEmpty(); i++) {
          out.add(Draws.pick(r, zeros));
        }
      }
    }
    out.removeAll(keep);
    out.removeIf(key -> f.get(key).signum() != 0);
    return out;
  }

  private static boolean isZero(RowSpec row, Figures f) {
    return row.columns().stream().allMatch(c -> f.get(row.metricKey(c)).signum() == 0);
  }

  private static void addRow(Set<String> out, RowSpec row, Figures f) {
    if (isZero(row, f)) {
      row.columns().forEach(c -> out.add(row.metricKey(c)));
    }
  }

  private static ColumnSpec last(List<ColumnSpec> columns) {
    return columns.get(columns.size() - 1);
  }
}
