package org.gongkai.parse;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed annual report: its metadata, one cell per catalog metric of its template version (in catalog order)
 * and the warnings raised while reading it. Immutable.
 *
 * @param format      template version id ("2021", "2019")
 * @param formatBasis how the version was decided: "template citation", "table shape" or "report year"
 * @param region      administrative division code; null until region resolution
 * @param encoding    the charset the bytes were decoded with
 */
public record Report(String source, String agency, Integer year, String format, String formatBasis,
                     String contactPhone, String region, String encoding, String layout, List<Cell> cells,
                     List<String> warnings) {

  public Report {
    cells = List.copyOf(cells);
    warnings = List.copyOf(warnings);
  }

  /** Cells by metric key, in catalog order. */
  public Map<String, Cell> cellMap() {
    Map<String, Cell> map = new LinkedHashMap<>();
    cells.forEach(c -> map.put(c.key(), c));
    return map;
  }

  public Cell cell(String key) {
    return cells.stream().filter(c -> c.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no metric " + key + " in template version " + format));
  }

  /** The value of a metric, null when blank or missing. */
  public BigDecimal value(String key) {
    return cell(key).value();
  }
}
