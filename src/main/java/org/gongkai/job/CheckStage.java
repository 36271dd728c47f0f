package org.gongkai.job;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gongkai.check.Rule;
import org.gongkai.check.RuleCatalog;
import org.gongkai.store.DeltaStore;

/**
 * The rules across reports and years (scope agency-history in gongkai/rules.yaml), in Spark SQL over the whole
 * reports and metrics tables: a fixed number of joins, whatever the number of reports. Their anomalies replace
 * the previous run's in one commit.
 *
 * <p>An agency is identified by its name as the report (or the manifest) gives it. When an agency-year has several
 * reports, one is used (the <em>primary</em>: most cells read, then fewest warnings, then the smallest report id)
 * and the others are flagged as duplicates naming it; carry-over and in-force checks use primary reports only.
 */
public final class CheckStage {

  private CheckStage() {
  }

  /** SQL choosing one report per agency-year. Shared with the rollups. */
  public static final String PRIMARY_REPORTS = """
      SELECT * FROM (
        SELECT r.*, row_number() OVER (PARTITION BY agency, year
                                       ORDER BY cells_value DESC, warning_count ASC, report_id ASC) AS rank_in_year
        FROM gk_reports r WHERE agency IS NOT NULL AND year IS NOT NULL) WHERE rank_in_year = 1""";

  public static void crossReport(SparkSession spark, DeltaStore store, JobConfig cfg, String runId,
                                 String version) {
    spark.read().format("delta").load(cfg.tablePath(JobConfig.REPORTS)).createOrReplaceTempView("gk_reports");
    spark.read().format("delta").load(cfg.tablePath(JobConfig.METRICS)).createOrReplaceTempView("gk_metrics");
    spark.sql(PRIMARY_REPORTS).createOrReplaceTempView("gk_primary");
    RuleCatalog rules = RuleCatalog.standard();

    Dataset<Row> carry = spark.sql((common(rules.rule("carry_over"), runId, version) + """
        FROM (SELECT p.report_id, p.agency, p.year, p.source_path, cur.column_key,
                     prev.value AS expected, cur.value AS actual, cur.raw_text AS cur_raw, cur.source_line AS cur_line,
                     prev.raw_text AS prev_raw, prev.source_line AS prev_line, prev.report_id AS prev_report
              FROM gk_primary p
              JOIN gk_metrics cur ON cur.report_id = p.report_id AND cur.row_key = 'carried_over'
              JOIN gk_primary q ON q.agency = p.agency AND q.year = p.year - 1
              JOIN gk_metrics prev ON prev.report_id = q.report_id AND prev.row_key = 'carried_forward'
                                  AND prev.column_key = cur.column_key
              WHERE cur.status <> 'missing' AND prev.status <> 'missing'
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

    Dataset<Row> inForce = spark.sql((common(rules.rule("regulations_in_force"), runId, version) + """
        FROM (SELECT p.report_id, p.agency, p.year, p.source_path, f.row_key AS column_key,
                     prev.value + iss.value - rep.value AS expected, f.value AS actual
              FROM gk_primary p
              JOIN gk_primary q ON q.agency = p.agency AND q.year = p.year - 1 AND q.format = '2021'
              JOIN gk_metrics f ON f.report_id = p.report_id AND f.table_id = 't2' AND f.column_key = 'in_force'
              JOIN gk_metrics iss ON iss.report_id = p.report_id AND iss.row_key = f.row_key
                                 AND iss.column_key = 'issued'
              JOIN gk_metrics rep ON rep.report_id = p.report_id AND rep.row_key = f.row_key
                                 AND rep.column_key = 'repealed'
              JOIN gk_metrics prev ON prev.report_id = q.report_id AND prev.row_key = f.row_key
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

    // duplicates: every non-primary report of an agency-year, identical or not to the primary one
    spark.sql("""
        SELECT report_id, sha2(concat_ws('|', sort_array(collect_list(
                 concat(metric_key, '=', coalesce(cast(value AS STRING), status))))), 256) AS figures
        FROM gk_metrics GROUP BY report_id""").createOrReplaceTempView("gk_figures");
    Dataset<Row> duplicates = spark.sql("""
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
               d.source_path, '%s' AS run_id, '%s' AS parser_version
        FROM gk_reports d
        JOIN gk_primary p ON p.agency = d.agency AND p.year = d.year AND p.report_id <> d.report_id
        JOIN gk_figures fd ON fd.report_id = d.report_id
        JOIN gk_figures fp ON fp.report_id = p.report_id""".formatted(runId, version));

    store.replaceWhere(carry.unionByName(inForce).unionByName(duplicates), cfg.tablePath(JobConfig.ANOMALIES),
        "scope = 'agency-history'");
  }

  /** The select list every cross-report rule shares; $CELLS, $WHERE, $ZH and $EN are filled per rule. */
  private static String common(Rule rule, String runId, String version) {
    return """
        SELECT report_id, sha2(concat_ws('|', '%1$s', report_id, $WHERE), 256) AS anomaly_id, agency, year,
               '%1$s' AS rule_id, '%2$s' AS severity, '%3$s' AS scope,
               CAST(expected AS DECIMAL(20,4)) AS expected, CAST(actual AS DECIMAL(20,4)) AS actual,
               CAST(coalesce(actual, 0) - coalesce(expected, 0) AS DECIMAL(20,4)) AS difference,
               $CELLS AS cells, concat('%4$s。', $ZH) AS message_zh, concat('%5$s. ', $EN) AS message_en,
               source_path, '%6$s' AS run_id, '%7$s' AS parser_version
        """.formatted(rule.id(), rule.severity(), rule.scope(), rule.zh().replace("'", "\\'"),
        rule.en().replace("'", "\\'"), runId, version);
  }
}
