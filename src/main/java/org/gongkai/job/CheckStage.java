package org.gongkai.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.MetricDef;
import org.gongkai.check.Rule;
import org.gongkai.check.RuleCatalog;
import org.gongkai.store.DeltaStore;

/**
 * The rules across reports (every scope but {@code report} in gongkai/rules.yaml), in Spark SQL over the reports
 * and metrics tables: a fixed number of joins and windows, whatever the number of reports. Their anomalies replace
 * the previous ones of the same years in one commit.
 *
 * <p>An agency is identified by its name as the report (or the manifest) gives it. When an agency-year has several
 * reports of the same scope, one is used (the <em>primary</em>: most cells read, then fewest warnings, then the
 * smallest report id) and the others are flagged as duplicates naming it; every other rule uses primary reports
 * only. An office's own report and the region-wide (aggregate) report it compiles are not duplicates.
 */
public final class CheckStage {

  private CheckStage() {
  }

  /** SQL choosing one report per agency-year and scope. Shared with the rollups. */
  public static final String PRIMARY_REPORTS = """
      SELECT * FROM (
        SELECT r.*, row_number() OVER (PARTITION BY agency, year, scope
                                       ORDER BY cells_value DESC, warning_count ASC, report_id ASC) AS rank_in_year
        FROM gk_reports r WHERE agency IS NOT NULL AND year IS NOT NULL) WHERE rank_in_year = 1""";

  /** The scopes whose anomalies this stage owns (the others come from the parse step). */
  public static final String OWNED = "scope <> 'report'";

  /**
   * The cells of primary reports the rules read ($KEYS, {@link #cellKeys}). A few dozen of a report's two hundred,
   * named by metric key (table.row.column, {@code MetricCatalog}): one set lookup per row of the metrics; the key's
   * parts are split from it for the few rows kept.
   */
  private static final String CELLS = """
      SELECT /*+ BROADCAST(p) */ m.report_id, m.metric_key, split(m.metric_key, '[.]')[0] AS table_id,
             split(m.metric_key, '[.]')[1] AS row_key, split(m.metric_key, '[.]')[2] AS column_key,
             m.value, m.status, m.raw_text, m.source_line
      FROM gk_metrics m LEFT SEMI JOIN gk_primary p ON p.report_id = m.report_id
      WHERE m.metric_key IN ($KEYS)""";

  /**
   * Recomputes the cross-report anomalies of the given years (every year when null) from the reports and metrics
   * tables and replaces the previous ones of those years in one commit.
   */
  public static void crossReport(SparkSession spark, DeltaStore store, JobConfig cfg, String runId,
                                 String version, Set<Integer> years) {
    Dataset<Row> reports = spark.read().format("delta").load(cfg.tablePath(JobConfig.REPORTS));
    Dataset<Row> metrics = spark.read().format("delta").load(cfg.tablePath(JobConfig.METRICS));
    store.replaceWhere(anomalies(spark, reports, metrics, runId, version, years),
        cfg.tablePath(JobConfig.ANOMALIES), OWNED + yearPredicate(years));
  }

  /** {@code " AND year IN (…)"}, or nothing for every year. */
  public static String yearPredicate(Set<Integer> years) {
    return years == null ? "" : " AND year IN (" + (years.isEmpty() ? "NULL"
        : new TreeSet<>(years).stream().map(String::valueOf).collect(Collectors.joining(", "))) + ")";
  }

  /** The years and each year before them (null stays null: every year). */
  public static Set<Integer> withPrevious(Set<Integer> years) {
    if (years == null) {
      return null;
    }
    Set<Integer> out = new TreeSet<>(years);
    years.forEach(y -> out.add(y - 1));
    return out;
  }

  /**
   * The anomalies of every cross-report rule on reports of the given years (all when null). The inputs need only
   * the columns the rules read, so a test can pass small tables.
   */
  public static Dataset<Row> anomalies(SparkSession spark, Dataset<Row> reports, Dataset<Row> metrics,
                                       String runId, String version, Set<Integer> years) {
    // the rules of year Y read years Y and Y − 1 only: the tables are partitioned by year, so the rest is skipped
    String read = "true" + yearPredicate(withPrevious(years));
    reports.where(read).createOrReplaceTempView("gk_reports");
    metrics.where(read).createOrReplaceTempView("gk_metrics");
    RuleCatalog rules = RuleCatalog.standard();
    // every rule joins the primary reports and a few of their cells: both computed once (one window, one pass over
    // the metrics) and kept, instead of once per rule and join
    spark.sql(PRIMARY_REPORTS).localCheckpoint().createOrReplaceTempView("gk_primary");
    spark.sql(CELLS.replace("$KEYS", cellKeys(rules))).localCheckpoint().createOrReplaceTempView("gk_cells");
    List<Dataset<Row>> found = new ArrayList<>();
    found.add(carryOver(spark, rules.rule("carry_over"), runId, version));
    found.add(inForce(spark, rules.rule("regulations_in_force"), runId, version));
    found.add(duplicates(spark, runId, version));
    found.add(aggregateVersusParts(spark, rules.rule("aggregate.parts_exceed"), ">", runId, version));
    found.add(aggregateVersusParts(spark, rules.rule("aggregate.parts_short"), "<", runId, version));
    found.add(peerOutliers(spark, rules.rule("outlier.peers"), runId, version));
    found.add(yearOverYear(spark, rules.rule("outlier.year_over_year"), runId, version));
    Dataset<Row> all = found.stream().reduce(Dataset::unionByName).orElseThrow();
    return years == null ? all : all.where("true" + yearPredicate(years));
  }

  private static Dataset<Row> carryOver(SparkSession spark, Rule rule, String runId, String version) {
    return sql(spark, (common(rule, runId, version) + """
        FROM (SELECT p.report_id, p.agency, p.year, p.source_path, cur.column_key,
                     prev.value AS expected, cur.value AS actual, cur.raw_text AS cur_raw, cur.source_line AS cur_line,
                     prev.raw_text AS prev_raw, prev.source_line AS prev_line, prev.report_id AS prev_report
              FROM gk_primary p
              JOIN gk_cells cur ON cur.report_id = p.report_id AND cur.row_key = 'carried_over'
              JOIN gk_primary q ON q.agency = p.agency AND q.year = p.year - 1 AND q.scope = p.scope
              JOIN gk_cells prev ON prev.report_id = q.report_id AND prev.row_key = 'carried_forward'
                                  AND prev.column_key = cur.column_key
              WHERE cur.status IN ('value', 'blank') AND prev.status IN ('value', 'blank')
                AND coalesce(cur.value, 0) <> coalesce(prev.value, 0)) x
        """).replace("$CELLS", "array(named_struct('key', concat('t3.carried_over.', column_key), 'value', actual, "
            + "'status', 'value', 'raw_text', cur_raw, 'row_label', cast(year AS STRING), 'source_line', cur_line), "
            + "named_struct('key', concat('t3.carried_forward.', column_key), 'value', expected, 'status', 'value', "
            + "'raw_text', prev_raw, 'row_label', cast(year - 1 AS STRING), 'source_line', prev_line))")
        .replace("$WHERE", "column_key")
        .replace("$ZH", "concat(cast(year AS STRING), '年上年结转（', column_key, '）为 ', cast(actual AS STRING), "
            + "'，而', cast(year - 1 AS STRING), '年报告的结转下年度为 ', cast(expected AS STRING))")
        .replace("$EN", "concat('carried over (', column_key, ') in ', cast(year AS STRING), ' is ', "
            + "cast(actual AS STRING), ' but the ', cast(year - 1 AS STRING), ' report carried forward ', "
            + "cast(expected AS STRING))"));
  }

  private static Dataset<Row> inForce(SparkSession spark, Rule rule, String runId, String version) {
    return sql(spark, (common(rule, runId, version) + """
        FROM (SELECT p.report_id, p.agency, p.year, p.source_path, f.row_key AS column_key,
                     prev.value + iss.value - rep.value AS expected, f.value AS actual
              FROM gk_primary p
              JOIN gk_primary q ON q.agency = p.agency AND q.year = p.year - 1 AND q.scope = p.scope
                               AND q.format = '2021'
              JOIN gk_cells f ON f.report_id = p.report_id AND f.table_id = 't2' AND f.column_key = 'in_force'
              JOIN gk_cells iss ON iss.report_id = p.report_id AND iss.row_key = f.row_key
                                 AND iss.column_key = 'issued'
              JOIN gk_cells rep ON rep.report_id = p.report_id AND rep.row_key = f.row_key
                                 AND rep.column_key = 'repealed'
              JOIN gk_cells prev ON prev.report_id = q.report_id AND prev.row_key = f.row_key
                                  AND prev.column_key = 'in_force'
              WHERE p.format = '2021' AND f.value IS NOT NULL AND prev.value IS NOT NULL AND iss.value IS NOT NULL
                AND rep.value IS NOT NULL AND f.value <> prev.value + iss.value - rep.value) x
        """).replace("$CELLS", "array(named_struct('key', concat('t2.', column_key, '.in_force'), 'value', actual, "
            + "'status', 'value', 'raw_text', cast(actual AS STRING), 'row_label', cast(year AS STRING), "
            + "'source_line', cast(NULL AS INT)))")
        .replace("$WHERE", "column_key")
        .replace("$ZH", "concat(column_key, ' 现行有效件数为 ', cast(actual AS STRING), '，按上年及本年制发、废止应为 ', "
            + "cast(expected AS STRING))")
        .replace("$EN", "concat(column_key, ' in force is ', cast(actual AS STRING), ', last year plus issued minus "
            + "repealed gives ', cast(expected AS STRING))"));
  }

  /** Every non-primary report of an agency-year and scope, identical or not to the primary one. */
  private static Dataset<Row> duplicates(SparkSession spark, String runId, String version) {
    // the figures of reports in a duplicate pair only (a few of them): the others' metrics are not hashed. Kept:
    // both sides of the join below read them, and each read would scan the metrics again
    spark.sql("""
        SELECT d.report_id AS duplicate_id, p.report_id AS primary_id FROM gk_reports d
        JOIN gk_primary p ON p.agency = d.agency AND p.year = d.year AND p.scope <=> d.scope
                         AND p.report_id <> d.report_id""").localCheckpoint().createOrReplaceTempView("gk_pairs");
    spark.sql("""
        SELECT /*+ BROADCAST(i) */ report_id, sha2(concat_ws('|', sort_array(collect_list(
                 concat(metric_key, '=', coalesce(cast(value AS STRING), status))))), 256) AS figures
        FROM gk_metrics m
        LEFT SEMI JOIN (SELECT duplicate_id AS id FROM gk_pairs UNION SELECT primary_id FROM gk_pairs) i
          ON m.report_id = i.id
        GROUP BY report_id""").localCheckpoint().createOrReplaceTempView("gk_figures");
    return spark.sql("""
        SELECT d.report_id, sha2(concat('duplicate|', d.report_id, '|', p.report_id), 256) AS anomaly_id,
               d.agency, d.year,
               CASE WHEN fd.figures = fp.figures THEN 'duplicate.identical' ELSE 'duplicate.conflicting' END AS rule_id,
               CASE WHEN fd.figures = fp.figures THEN 'info' ELSE 'error' END AS severity,
               'agency-history' AS scope,
               CAST(NULL AS DECIMAL(20,4)) AS expected, CAST(NULL AS DECIMAL(20,4)) AS actual,
               CAST(NULL AS DECIMAL(20,4)) AS difference,
               CAST(array() AS ARRAY<STRUCT<key: STRING, value: DECIMAL(20,4), status: STRING, raw_text: STRING,
                    row_label: STRING, source_line: INT>>) AS cells,
               concat(d.agency, cast(d.year AS STRING), '年有多份报告（', d.source_path, '）；汇总采用 ', p.source_path)
                 AS message_zh,
               concat('several reports for ', d.agency, ' ', cast(d.year AS STRING), ': ', d.source_path,
                      ' is not used; the rollups use ', p.source_path) AS message_en,
               d.source_path, CAST(NULL AS DOUBLE) AS statistic, CAST(NULL AS DOUBLE) AS threshold,
               '%s' AS run_id, '%s' AS parser_version
        FROM gk_reports d
        JOIN gk_primary p ON p.agency = d.agency AND p.year = d.year AND p.scope <=> d.scope
                         AND p.report_id <> d.report_id
        JOIN gk_figures fd ON fd.report_id = d.report_id
        JOIN gk_figures fp ON fp.report_id = p.report_id""".formatted(runId, version));
  }

  /**
   * A region's aggregate report against the sum of the agency reports of the same year placed in that region
   * (at any level below it). {@code compare} is {@code >} (the parts exceed the aggregate: a contradiction
   * whatever the corpus holds) or {@code <} (the parts fall short: reports missing from the corpus, or an
   * aggregate that overstates).
   */
  private static Dataset<Row> aggregateVersusParts(SparkSession spark, Rule rule, String compare, String runId,
                                                   String version) {
    return sql(spark, (common(rule, runId, version) + """
        FROM (SELECT a.report_id, a.agency, a.year, a.source_path, am.metric_key AS column_key,
                     first(am.value) AS actual, sum(coalesce(pm.value, 0)) AS expected,
                     first(am.raw_text) AS raw, first(am.source_line) AS line, first(am.status) AS status,
                     count(DISTINCT pp.report_id) AS parts, first(a.region_code) AS region_code
              FROM gk_primary a
              JOIN gk_cells am ON am.report_id = a.report_id AND am.metric_key IN ($MEASURES)
                                AND am.status IN ('value', 'blank')
              JOIN gk_primary pp ON pp.year = a.year AND pp.scope <> 'aggregate' AND pp.report_id <> a.report_id
                                AND a.region_code IN (pp.region_code, pp.county_code, pp.prefecture_code,
                                                      pp.province_code)
              JOIN gk_cells pm ON pm.report_id = pp.report_id AND pm.metric_key = am.metric_key
                                AND pm.status IN ('value', 'blank')
              WHERE a.scope = 'aggregate' AND a.region_code IS NOT NULL
              GROUP BY a.report_id, a.agency, a.year, a.source_path, am.metric_key
              HAVING sum(coalesce(pm.value, 0)) $COMPARE coalesce(first(am.value), 0)) x
        """).replace("$MEASURES", quoted(rule, "measures")).replace("$COMPARE", compare)
        .replace("$CELLS", "array(named_struct('key', column_key, 'value', actual, 'status', status, "
            + "'raw_text', raw, 'row_label', region_code, 'source_line', line))")
        .replace("$WHERE", "column_key")
        .replace("@STATISTIC", "parts")
        .replace("$ZH", "concat(column_key, ' 汇总报告为 ', coalesce(cast(actual AS STRING), '空'), '，本地区 ', "
            + "cast(parts AS STRING), ' 份机关报告合计 ', cast(expected AS STRING))")
        .replace("$EN", "concat(column_key, ' is ', coalesce(cast(actual AS STRING), 'blank'), ' in the aggregate; "
            + "the ', cast(parts AS STRING), ' agency reports of the region add up to ', cast(expected AS STRING))"));
  }

  /**
   * Robust z-score of log(1 + value) against the reports of the same year, category and level: 0.6745 (x −
   * median) / MAD. Counts are skewed, hence the log. Groups smaller than min_peers are not judged, nor groups
   * whose MAD is 0: most peers print the same figure (usually 0, as for lawsuits), and against that any other
   * figure would look infinitely far.
   */
  private static Dataset<Row> peerOutliers(SparkSession spark, Rule rule, String runId, String version) {
    double threshold = rule.spec().path("threshold").asDouble();
    int minPeers = rule.spec().path("min_peers").asInt();
    return sql(spark, (common(rule, runId, version) + """
        FROM (SELECT * FROM (
              SELECT *, CASE WHEN mad > 0 THEN 0.6745 * (lv - med) / mad END AS z
              FROM (SELECT *, percentile(abs(lv - med), 0.5) OVER w AS mad
                    FROM (SELECT *, percentile(lv, 0.5) OVER w AS med, percentile(actual, 0.5) OVER w AS expected,
                                 count(*) OVER w AS peers
                          FROM (SELECT p.report_id, p.agency, p.year, p.source_path, p.category, p.level,
                                       m.metric_key AS column_key, m.value AS actual, ln(1 + m.value) AS lv,
                                       m.raw_text AS raw, m.source_line AS line
                                FROM gk_primary p
                                JOIN gk_cells m ON m.report_id = p.report_id AND m.metric_key IN ($MEASURES)
                                WHERE p.scope <> 'aggregate' AND p.category IS NOT NULL AND p.level IS NOT NULL
                                  AND m.status = 'value' AND m.value >= 0)
                          WINDOW w AS (PARTITION BY year, category, level, column_key))
                    WINDOW w AS (PARTITION BY year, category, level, column_key)))
              WHERE peers >= $MIN_PEERS AND abs(z) > $THRESHOLD) x
        """).replace("$MEASURES", quoted(rule, "measures"))
        .replace("$MIN_PEERS", String.valueOf(minPeers)).replace("$THRESHOLD", String.valueOf(threshold))
        .replace("$CELLS", "array(named_struct('key', column_key, 'value', actual, 'status', 'value', "
            + "'raw_text', raw, 'row_label', concat(category, '/', level), 'source_line', line))")
        .replace("$WHERE", "column_key")
        .replace("@STATISTIC", "z").replace("@THRESHOLD", String.valueOf(threshold))
        .replace("$ZH", "concat(column_key, ' 为 ', cast(actual AS STRING), '，同年同类同级 ', cast(peers AS STRING), "
            + "' 个机关的中位数为 ', cast(expected AS STRING), '，稳健 z 值 ', format_number(z, 2), '（阈值 ', '"
            + threshold + "', '）')")
        .replace("$EN", "concat(column_key, ' is ', cast(actual AS STRING), ' against a median of ', "
            + "cast(expected AS STRING), ' over ', cast(peers AS STRING), ' peers (same year, category, level): "
            + "robust z ', format_number(z, 2), ' (threshold ', '" + threshold + "', ')')"));
  }

  /**
   * An agency's figure against its own previous year: flagged when it changes by more than the ratio threshold
   * (either way, on 1 + value) and the larger of the two is at least min_value.
   */
  private static Dataset<Row> yearOverYear(SparkSession spark, Rule rule, String runId, String version) {
    double ratio = rule.spec().path("ratio").asDouble();
    double minValue = rule.spec().path("min_value").asDouble();
    return sql(spark, (common(rule, runId, version) + """
        FROM (SELECT p.report_id, p.agency, p.year, p.source_path, cur.metric_key AS column_key,
                     prev.value AS expected, cur.value AS actual, cur.raw_text AS cur_raw, cur.source_line AS cur_line,
                     prev.raw_text AS prev_raw, prev.source_line AS prev_line,
                     CAST((1 + cur.value) / (1 + prev.value) AS DOUBLE) AS factor
              FROM gk_primary p
              JOIN gk_cells cur ON cur.report_id = p.report_id AND cur.metric_key IN ($MEASURES)
              JOIN gk_primary q ON q.agency = p.agency AND q.year = p.year - 1 AND q.scope = p.scope
              JOIN gk_cells prev ON prev.report_id = q.report_id AND prev.metric_key = cur.metric_key
              WHERE cur.status = 'value' AND prev.status = 'value' AND cur.value >= 0 AND prev.value >= 0
                AND greatest(cur.value, prev.value) >= $MIN_VALUE
                AND ((1 + cur.value) > $RATIO * (1 + prev.value) OR (1 + prev.value) > $RATIO * (1 + cur.value))) x
        """).replace("$MEASURES", quoted(rule, "measures"))
        .replace("$MIN_VALUE", String.valueOf(minValue)).replace("$RATIO", String.valueOf(ratio))
        .replace("$CELLS", "array(named_struct('key', column_key, 'value', actual, 'status', 'value', "
            + "'raw_text', cur_raw, 'row_label', cast(year AS STRING), 'source_line', cur_line), "
            + "named_struct('key', column_key, 'value', expected, 'status', 'value', "
            + "'raw_text', prev_raw, 'row_label', cast(year - 1 AS STRING), 'source_line', prev_line))")
        .replace("$WHERE", "column_key")
        .replace("@STATISTIC", "factor").replace("@THRESHOLD", String.valueOf(ratio))
        .replace("$ZH", "concat(column_key, ' 由', cast(year - 1 AS STRING), '年的 ', cast(expected AS STRING), "
            + "' 变为 ', cast(actual AS STRING), '（(1+本年)/(1+上年) = ', format_number(factor, 2), '，阈值 ', '"
            + ratio + "', ' 倍）')")
        .replace("$EN", "concat(column_key, ' went from ', cast(expected AS STRING), ' in ', "
            + "cast(year - 1 AS STRING), ' to ', cast(actual AS STRING), ' ((1 + this) / (1 + last) = ', "
            + "format_number(factor, 2), ', threshold ', '" + ratio + "', '×)')"));
  }

  /** The select list every cross-report rule shares; $CELLS, $WHERE, $ZH and $EN are filled per rule. */
  private static String common(Rule rule, String runId, String version) {
    return """
        SELECT report_id, sha2(concat_ws('|', '%1$s', report_id, $WHERE), 256) AS anomaly_id, agency, year,
               '%1$s' AS rule_id, '%2$s' AS severity, '%3$s' AS scope,
               try_cast(expected AS DECIMAL(20,4)) AS expected, try_cast(actual AS DECIMAL(20,4)) AS actual,
               try_cast(coalesce(actual, 0) - coalesce(expected, 0) AS DECIMAL(20,4)) AS difference,
               CAST($CELLS AS ARRAY<STRUCT<key: STRING, value: DECIMAL(20,4), status: STRING, raw_text: STRING,
                    row_label: STRING, source_line: INT>>) AS cells, concat('%4$s。', $ZH) AS message_zh, concat('%5$s. ', $EN) AS message_en,
               source_path, CAST(@STATISTIC AS DOUBLE) AS statistic, CAST(@THRESHOLD AS DOUBLE) AS threshold,
               '%6$s' AS run_id, '%7$s' AS parser_version
        """.formatted(rule.id(), rule.severity(), rule.scope(), rule.zh().replace("'", "\\'"),
        rule.en().replace("'", "\\'"), runId, version);
  }

  /** Runs a rule's query; a rule without a statistic or threshold records NULL. */
  private static Dataset<Row> sql(SparkSession spark, String query) {
    return spark.sql(query.replace("@STATISTIC", "NULL").replace("@THRESHOLD", "NULL"));
  }

  /**
   * The metric keys the rules read, as a SQL IN list: the carry-over rows, table 2's regulation counts (in force,
   * issued, repealed) in either template version, and every metric a rule names in its {@code measures}.
   */
  static String cellKeys(RuleCatalog rules) {
    Set<String> carryRows = Set.of("carried_over", "carried_forward");
    Set<String> regulationCounts = Set.of("in_force", "issued", "repealed");
    MetricCatalog catalog = MetricCatalog.standard();
    Set<String> keys = new TreeSet<>();
    for (String key : catalog.allKeys()) {
      MetricDef d = catalog.metric(key);
      if (carryRows.contains(d.row()) || "t2".equals(d.table()) && regulationCounts.contains(d.column())) {
        keys.add(key);
      }
    }
    rules.rules().forEach(r -> r.spec().path("measures").forEach(n -> keys.add(n.asText())));
    return keys.stream().map(k -> "'" + k.replace("'", "") + "'").collect(Collectors.joining(", "));
  }

  /** The rule's list parameter as a SQL IN list. */
  private static String quoted(Rule rule, String field) {
    return StreamSupport.stream(rule.spec().path(field).spliterator(), false)
        .map(n -> "'" + n.asText().replace("'", "") + "'").collect(Collectors.joining(", "));
  }
}
