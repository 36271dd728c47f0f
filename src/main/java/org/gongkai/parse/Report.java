package org.gongkai.parse;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gongkai.region.Region;

/**
 * A parsed annual report: its metadata, one cell per catalog metric of its template version (in catalog order)
 * and the warnings raised while reading it. Immutable.
 *
 * @param agencyBasis where the agency name came from (title, contact sentence, first sentence, manifest)
 * @param yearBasis   where the year came from (statistics period, title, manifest)
 * @param format      template version id ("2021", "2019")
 * @param formatBasis how the version was decided: "template citation", "table shape" or "report year"
 * @param region      where the report belongs; its code is null when unresolved or ambiguous
 * @param level       provincial, prefecture, county, township, or null
 * @param category    the agency's category (gongkai/regions/agencies.yaml), or null
 * @param scope       agency (the organ's own report) or aggregate (a region-wide summary)
 * @param encoding    the charset the bytes were decoded with
 * @param prose       the report's text outside its tables (for the checks of counts stated in words)
 */
public record Report(String source, String agency, String agencyBasis, Integer year, String yearBasis,
                     String format, String formatBasis, String contactPhone, Region region, String level,
                     String category, String scope, String title, String encoding, String layout,
                     List<Cell> cells, List<String> warnings, String prose) {

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
