package org.gongkai.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.job.CheckStage;
import org.gongkai.job.JobConfig;
import org.gongkai.store.DeltaStore;

/**
 * The gold tables analysts read: {@code agency_year} (one row per agency-year, the main measures as columns) and
 * {@code rollup} (sums and rates per year × nation/province/prefecture × category × level, with GROUPING SETS).
 * Aggregate-scope reports never enter the sums; an agency-year with several reports counts once (its primary
 * report, as the anomaly checks choose it). The measures and rates are data: gongkai/rollup.yaml.
 */
public final class Rollups {

  public static final String AGENCY_YEAR = "agency_year";
  public static final String ROLLUP = "rollup";
  /** How an unresolved province or prefecture is grouped, so that national = sum of provinces holds. */
  public static final String UNRESOLVED = "(未解析)";
  /** The prefecture column of a provincial organ's report: it belongs to no prefecture. */
  public static final String PROVINCE_ITSELF = "(省本级)";

  private static final Pattern METRIC_COLUMN = Pattern.compile("\\b(t[234]_[a-z_]+)\\b");

  private final Map<String, String> measures;
  private final Map<String, String> rates;

  private Rollups(Map<String, String> measures, Map<String, String> rates) {
    this.measures = measures;
    this.rates = rates;
  }

  public static Rollups standard() {
    try (InputStream in = Rollups.class.getClassLoader().getResourceAsStream("gongkai/rollup.yaml")) {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      Map<String, String> measures = new LinkedHashMap<>();
      root.path("measures").fields().forEachRemaining(e -> measures.put(e.getKey(), e.getValue().asText()));
      Map<String, String> rates = new LinkedHashMap<>();
      root.path("rates").fields().forEachRemaining(e -> rates.put(e.getKey(), e.getValue().asText()));
      // in the file's order: the gold tables' columns come out in it (Map.copyOf's order changes with every JVM)
      return new Rollups(java.util.Collections.unmodifiableMap(measures),
          java.util.Collections.unmodifiableMap(rates));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Rebuilds the gold rows of the given years (all years when null) in one commit per table; safe to rerun: the
   * rows depend only on the silver tables, not on when they were computed.
   */
  public void build(SparkSession spark, DeltaStore store, JobConfig cfg, Set<Integer> years) {
    // the year-over-year change compares each asked year with the year before. A year before that is not asked
    // and has rows in the rollup table is read from there (the run that last changed that year wrote them);
    // one without (never rolled up, or the table is new) is computed too. Nothing else is read.
    String rollupPath = cfg.warehouse() + "/" + ROLLUP;
    // one version of the rollup table for both the years it holds and the rows read from it
    Dataset<Row> storedRollup = years == null ? null : store.snapshot(rollupPath);
    Set<Integer> stored = Set.of();
    Set<Integer> computed = null;
    if (years != null) {
      computed = new TreeSet<>(CheckStage.withPrevious(years));
      Set<Integer> before = new TreeSet<>(computed);
      before.removeAll(years);
      stored = storedYears(storedRollup, before);
      computed.removeAll(stored);
    }
    String read = "true" + CheckStage.yearPredicate(computed);
    spark.read().format("delta").load(cfg.tablePath(JobConfig.REPORTS)).where(read)
        .createOrReplaceTempView("gk_reports");
    spark.read().format("delta").load(cfg.tablePath(JobConfig.METRICS)).where(read)
        .createOrReplaceTempView("gk_metrics");
    if (store.exists(cfg.tablePath(JobConfig.ANOMALIES))) {
      spark.read().format("delta").load(cfg.tablePath(JobConfig.ANOMALIES)).where(read)
          .createOrReplaceTempView("gk_anomalies");
    } else {
      spark.sql("SELECT CAST(NULL AS STRING) AS report_id, CAST(NULL AS STRING) AS severity WHERE false")
          .createOrReplaceTempView("gk_anomalies");
    }
    spark.sql(CheckStage.PRIMARY_REPORTS).createOrReplaceTempView("gk_primary");

    // the pivot of every metric per report feeds both tables: computed once, kept for the two writes
    Dataset<Row> agencyYear = spark.sql(agencyYearSql()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      agencyYear.createOrReplaceTempView("gk_agency_year");
      String yearFilter = "true" + CheckStage.yearPredicate(years);
      Dataset<Row> base = spark.sql(rollupSql(read));
      if (!stored.isEmpty()) {
        // a measure added to rollup.yaml since those rows were written is null in them
        base = base.unionByName(storedRollup.where("true" + CheckStage.yearPredicate(stored))
            .drop("new_received_yoy"), true);
      }
      base.createOrReplaceTempView("gk_rollup_base");
      // only the asked years are written
      Dataset<Row> rollup = spark.sql(yoySql()).where(yearFilter);

      store.replaceWhere(agencyYear.where(yearFilter), cfg.warehouse() + "/" + AGENCY_YEAR, yearFilter);
      org.gongkai.job.FaultPoint.reach("during-rollups");
      store.replaceWhere(rollup, rollupPath, yearFilter);
    } finally {
      agencyYear.unpersist();
    }
  }

  /** Those of the given years that have rows in the rollup table (null when it was never written). */
  private static Set<Integer> storedYears(Dataset<Row> table, Set<Integer> years) {
    Set<Integer> out = new TreeSet<>();
    if (table == null || years.isEmpty()) {
      return out;
    }
    // a few year numbers reach the driver, no rows
    for (Row r : table.where("true" + CheckStage.yearPredicate(years)).select("year").distinct().collectAsList()) {
      out.add(r.getInt(0));
    }
    return out;
  }

  private Set<String> metricColumns() {
    Set<String> cols = new LinkedHashSet<>();
    for (String expr : measures.values()) {
      Matcher m = METRIC_COLUMN.matcher(expr);
      while (m.find()) {
        cols.add(m.group(1));
      }
    }
    return cols;
  }

  /** One row per primary report: metadata, error count, and each measure (a blank counts 0 in sums). */
  String agencyYearSql() {
    // 2021's three 其他处理 rows reconcile with 2019's single row
    String otherAll = "coalesce(t3_other_processing_all_total, t3_other_processing_no_correction_total "
        + "+ t3_other_processing_unpaid_fee_total + t3_other_processing_other_total)";
    String measureCols = measures.entrySet().stream()
        .map(e -> "try_cast(" + e.getValue().replace("t3_other_processing_all_total", otherAll)
            + " AS DECIMAL(20,4)) AS " + e.getKey())
        .collect(Collectors.joining(",\n  "));
    Set<String> pivotCols = new LinkedHashSet<>(metricColumns());
    pivotCols.add("t3_other_processing_no_correction_total");
    pivotCols.add("t3_other_processing_unpaid_fee_total");
    pivotCols.add("t3_other_processing_other_total");
    // the metric key of each column (t3_new_received_total → t3.new_received.total), from the catalog
    Map<String, String> keyOf = new HashMap<>();
    MetricCatalog.standard().allKeys().forEach(k -> keyOf.put(k.replace('.', '_'), k));
    for (String c : pivotCols) {
      if (!keyOf.containsKey(c)) {
        throw new IllegalStateException("gongkai/rollup.yaml names " + c + ", which is no metric of the catalog");
      }
    }
    String fullPivot = pivotCols.stream()
        .map(c -> "max(CASE WHEN metric_key = '" + keyOf.get(c) + "' THEN coalesce(value, 0) END) AS " + c)
        .collect(Collectors.joining(",\n  "));
    String keys = pivotCols.stream().map(c -> "'" + keyOf.get(c) + "'").collect(Collectors.joining(", "));
    // only the rows of those metrics are pivoted (about 40 of a report's 200); a report with cells but none of
    // them still gets its row, with blank measures. A report has one row per metric (the metrics table's key), so
    // max picks that row's value: the same as a sum, without a decimal addition per row (a third of the pivot)
    return """
        WITH wide AS (SELECT report_id, %s FROM gk_metrics WHERE metric_key IN (%s) GROUP BY report_id),
             errors AS (SELECT report_id, count(*) AS error_anomalies FROM gk_anomalies
                        WHERE severity = 'error' GROUP BY report_id)
        SELECT p.year, p.agency, p.report_id, p.format, p.scope, p.level, p.category,
               coalesce(p.province, '%s') AS province,
               CASE WHEN p.prefecture IS NOT NULL THEN p.prefecture WHEN p.province IS NOT NULL THEN '%s'
                    ELSE '%s' END AS prefecture,
               p.county, p.region_code, p.source_path, coalesce(e.error_anomalies, 0) AS error_anomalies,
               %s
        FROM gk_primary p LEFT JOIN wide w ON w.report_id = p.report_id
        LEFT JOIN errors e ON e.report_id = p.report_id
        WHERE p.cells_value + p.cells_blank + p.cells_missing + coalesce(p.cells_invalid, 0) > 0
        """.formatted(fullPivot, keys, UNRESOLVED, PROVINCE_ITSELF, UNRESOLVED, measureCols);
  }

  /**
   * Sums per grouping set; aggregate-scope reports excluded. The unresolved share divides two counts as decimals:
   * avg over 1.0/0.0 rounded to avg's five places first (a third was 0.333330). {@code agencies} counts rows, not distinct names:
   * gk_agency_year has one (primary) report per agency, year and scope, and every grouping set holds the year,
   * so the two are equal, and a DISTINCT would have Spark shuffle every expanded row (12 per report) unaggregated.
   */
  String rollupSql(String where) {
    String sums = measures.keySet().stream().map(m -> "sum(" + m + ") AS " + m)
        .collect(Collectors.joining(", "));
    String rateCols = rates.entrySet().stream()
        .map(e -> "try_cast(try_divide(" + ratio(e.getValue()) + ") AS DECIMAL(12,6)) AS " + e.getKey())
        .collect(Collectors.joining(", "));
    return """
        SELECT *, %s FROM (
          SELECT year,
                 CASE WHEN grouping(prefecture) = 0 THEN 'prefecture'
                      WHEN grouping(province) = 0 THEN 'province' ELSE 'nation' END AS geo_level,
                 CASE WHEN grouping(province) = 0 THEN province ELSE '*' END AS province,
                 CASE WHEN grouping(prefecture) = 0 THEN prefecture ELSE '*' END AS prefecture,
                 CASE WHEN grouping(category) = 0 THEN coalesce(category, 'unknown') ELSE '*' END AS category,
                 CASE WHEN grouping(level) = 0 THEN coalesce(level, 'unknown') ELSE '*' END AS level,
                 count(*) AS reports, count(agency) AS agencies, %s,
                 sum(CASE WHEN error_anomalies > 0 THEN 1 ELSE 0 END) AS reports_with_errors,
                 CAST(CAST(count_if(region_code IS NULL) AS DECIMAL(20,0)) / CAST(count(*) AS DECIMAL(20,0))
                   AS DECIMAL(12,6)) AS unresolved_region_share
          FROM gk_agency_year WHERE scope = 'agency' AND %s
          GROUP BY GROUPING SETS (
            (year), (year, province), (year, province, prefecture),
            (year, category), (year, province, category), (year, province, prefecture, category),
            (year, level), (year, province, level), (year, province, prefecture, level),
            (year, category, level), (year, province, category, level), (year, province, prefecture, category, level)))
        """.formatted(rateCols, sums, where);
  }

  /** "a / b" as the two arguments of try_divide (a ratio of sums, null where the denominator is 0). */
  private static String ratio(String expr) {
    int slash = expr.lastIndexOf(" / ");
    return expr.substring(0, slash) + ", " + expr.substring(slash + 3);
  }

  /** Year-over-year change of applications received, against the same group the year before. */
  String yoySql() {
    return """
        SELECT c.*, try_cast(try_divide(c.new_received - p.new_received, p.new_received) AS DECIMAL(12,6))
                      AS new_received_yoy
        FROM gk_rollup_base c LEFT JOIN gk_rollup_base p
          ON p.year = c.year - 1 AND p.geo_level = c.geo_level AND p.province = c.province
         AND p.prefecture = c.prefecture AND p.category = c.category AND p.level = c.level
        """;
  }
}
