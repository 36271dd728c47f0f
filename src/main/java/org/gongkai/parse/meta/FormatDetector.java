package org.gongkai.parse.meta;

import java.util.Comparator;
import org.gongkai.catalog.FormatVersion;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.parse.table.Labels;

/**
 * Decides a report's template version: the template document it cites, else the shape of its tables, else its
 * year. Never the year alone when the report says otherwise.
 */
public final class FormatDetector {

  /** The decided version and what decided it. */
  public record Decision(String format, String basis) {
  }

  private FormatDetector() {
  }

  /**
   * @param text     the whole report text
   * @param t2Text   the text of the table 2 section ("" when not found)
   * @param t3Text   the text of the table 3 section ("" when not found)
   */
  public static Decision decide(MetricCatalog catalog, String text, String t2Text, String t3Text, Integer year) {
    for (FormatVersion f : catalog.formats()) {
      if (f.citation().matcher(text).find()) {
        return new Decision(f.id(), "template citation");
      }
    }
    String tables = Labels.squeeze(t2Text + t3Text);
    for (FormatVersion f : catalog.formats()) {
      if (f.shape().stream().anyMatch(tables::contains)) {
        return new Decision(f.id(), "table shape");
      }
    }
    if (year != null) {
      return catalog.formats().stream()
          .filter(f -> f.firstYear() <= year)
          .max(Comparator.comparingInt(FormatVersion::firstYear))
          .map(f -> new Decision(f.id(), "report year"))
          .orElse(new Decision(catalog.formats().get(catalog.formats().size() - 1).id(), "report year"));
    }
    return new Decision(catalog.formats().get(0).id(), "default");
  }
}
