package org.gongkai.generate;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.gongkai.catalog.MetricDef;

/**
 * How each value cell of a report is printed: numbers as reports write them (1.25, 0.00, 1,250,000 元), blanks
 * as an empty cell where the layout keeps cell boundaries, else as a marker (—, /, 无).
 */
final class ValuePrinter {

  private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

  private ValuePrinter() {
  }

  /**
   * @param amountInYuan amounts whose column header says 元 are printed in 元, not in the catalog's 万元
   */
  static Map<String, String> texts(TemplateView t, Figures f, Set<String> blanks, FileLayout layout,
                                   boolean amountInYuan, Settings corpus, SplittableRandom r) {
    String marker = Draws.pick(r, corpus.strings("blanks.markers"));
    double emptyShare = corpus.number("blanks.emptyShare");
    boolean twoDecimals = r.nextInt(4) == 0;
    boolean commas = r.nextBoolean();
    // rows with at least one printed figure: only there can a layout show an empty cell
    Set<String> rowsWithFigures = new HashSet<>();
    f.values().keySet().stream().filter(k -> !blanks.contains(k)).forEach(k -> rowsWithFigures.add(row(k)));
    Map<String, String> out = new LinkedHashMap<>();
    for (MetricDef def : t.metrics()) {
      String key = def.key();
      if (blanks.contains(key)) {
        boolean empty = layout.emptyCells() && !"t4".equals(def.table()) && rowsWithFigures.contains(row(key))
            && r.nextDouble() < emptyShare;
        out.put(key, empty ? "" : marker);
        continue;
      }
      BigDecimal v = f.get(key);
      if (!def.decimal()) {
        out.put(key, v.toPlainString());
      } else if (amountInYuan && !def.zh().contains(def.unit())) {
        String yuan = v.multiply(TEN_THOUSAND).setScale(0, java.math.RoundingMode.UNNECESSARY).toPlainString();
        out.put(key, commas ? String.format(java.util.Locale.ROOT, "%,d", Long.parseLong(yuan)) : yuan);
      } else {
        out.put(key, twoDecimals && v.scale() < 2 ? v.setScale(2).toPlainString() : v.toPlainString());
      }
    }
    return out;
  }

  private static String row(String key) {
    return key.substring(0, key.lastIndexOf('.'));
  }
}
