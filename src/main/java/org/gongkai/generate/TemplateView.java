package org.gongkai.generate;

import java.util.Comparator;
import java.util.List;
import org.gongkai.catalog.ColumnSpec;
import org.gongkai.catalog.FormatVersion;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.MetricDef;
import org.gongkai.catalog.RowSpec;
import org.gongkai.catalog.TableSpec;

/**
 * One template version of the catalog as the generator needs it: the three tables' rows, and the rows of table 3
 * that its identities name (new_received + carried_over = results_total + carried_forward, where results_total
 * sums the result rows printed between them).
 */
final class TemplateView {

  static final String NEW_RECEIVED = "new_received";
  static final String CARRIED_OVER = "carried_over";
  static final String RESULTS_TOTAL = "results_total";
  static final String CARRIED_FORWARD = "carried_forward";
  static final String TOTAL = "total";

  private final MetricCatalog catalog;
  private final FormatVersion format;
  private final TableSpec t2;
  private final TableSpec t3;
  private final TableSpec t4;
  private final List<RowSpec> t2Rows;
  private final List<RowSpec> t3Rows;
  private final List<RowSpec> t4Rows;

  TemplateView(MetricCatalog catalog, String format) {
    this.catalog = catalog;
    this.format = catalog.format(format);
    this.t2 = table(catalog, "t2");
    this.t3 = table(catalog, "t3");
    this.t4 = table(catalog, "t4");
    this.t2Rows = t2.rows(format);
    this.t3Rows = t3.rows(format);
    this.t4Rows = t4.rows(format);
  }

  private static TableSpec table(MetricCatalog catalog, String id) {
    return catalog.tables().stream().filter(t -> t.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalStateException("catalog has no table " + id));
  }

  /** The template version a report for {@code year} uses: the newest one in force that year. */
  static String formatFor(MetricCatalog catalog, int year) {
    return catalog.formats().stream().filter(f -> f.firstYear() <= year)
        .max(Comparator.comparingInt(FormatVersion::firstYear))
        .or(() -> catalog.formats().stream().min(Comparator.comparingInt(FormatVersion::firstYear)))
        .orElseThrow().id();
  }

  String format() {
    return format.id();
  }

  FormatVersion version() {
    return format;
  }

  List<MetricDef> metrics() {
    return catalog.metrics(format.id());
  }

  TableSpec t2() {
    return t2;
  }

  TableSpec t3() {
    return t3;
  }

  TableSpec t4() {
    return t4;
  }

  List<RowSpec> t2Rows() {
    return t2Rows;
  }

  List<RowSpec> t3Rows() {
    return t3Rows;
  }

  List<RowSpec> t4Rows() {
    return t4Rows;
  }

  RowSpec t3Row(String key) {
    return t3Rows().stream().filter(r -> r.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalStateException("catalog table 3 has no row " + key));
  }

  /** Rows between carried_over and results_total: the ways applications were handled. */
  List<RowSpec> resultRows() {
    List<RowSpec> rows = t3Rows();
    int from = rows.indexOf(t3Row(CARRIED_OVER)) + 1;
    int to = rows.indexOf(t3Row(RESULTS_TOTAL));
    return rows.subList(from, to);
  }

  /** Table 3's columns: the applicant kinds, then the total. */
  List<ColumnSpec> applicantColumns() {
    return t3Rows().get(0).columns();
  }

  /** The applicant kinds without the total column. */
  List<ColumnSpec> applicants() {
    return applicantColumns().stream().filter(c -> !c.key().equals(TOTAL)).toList();
  }

  List<ColumnSpec> outcomes() {
    return t4Rows().get(0).columns().stream().filter(c -> !c.key().equals(TOTAL)).toList();
  }

  static String key(String table, String row, String column) {
    return table + "." + row + "." + column;
  }

  static String t3(String row, String column) {
    return key("t3", row, column);
  }

  static String t4(String row, String column) {
    return key("t4", row, column);
  }
}
