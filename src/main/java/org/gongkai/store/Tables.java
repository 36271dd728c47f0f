package org.gongkai.store;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.gongkai.job.ParseStage;

/**
 * The Delta tables as projections of the parse step's rows: {@code files} (bronze, one row per input file),
 * {@code reports}, {@code metrics} (long format, one row per cell: cell-level columns only), {@code quarantine}.
 * Every row but a metric's carries the run id and parser version (a metric's are its report's).
 */
public final class Tables {

  private Tables() {
  }

  /**
   * Properties of the metrics table, set when it is created. Delta keeps min/max statistics of the first 32
   * columns of every file it writes; every metrics file holds all keys of many random report ids, so those of the
   * string columns never let a query skip a file, and computing them took a third of the table's write time
   * (jobs/bench-results.md). Statistics are kept for {@code value} only (and each file's row count).
   */
  public static final java.util.Map<String, String> METRICS_PROPERTIES =
      java.util.Map.of("delta.dataSkippingStatsColumns", "value");

  /** A table's natural key and partitioning: each key is held once (the writes are keyed, the lease serial). */
  public record Keyed(String table, java.util.List<String> keys, java.util.List<String> partitionBy) {
  }

  /** The silver tables with their keys, in the order a run writes them. */
  public static final java.util.List<Keyed> KEYED = java.util.List.of(
      new Keyed(org.gongkai.job.JobConfig.METRICS, java.util.List.of("report_id", "metric_key"),
          java.util.List.of("year")),
      new Keyed(org.gongkai.job.JobConfig.REPORTS, java.util.List.of("report_id"), java.util.List.of("year")),
      new Keyed(org.gongkai.job.JobConfig.ANOMALIES, java.util.List.of("report_id", "anomaly_id"),
          java.util.List.of()),
      new Keyed(org.gongkai.job.JobConfig.QUARANTINE, java.util.List.of("path"), java.util.List.of()),
      new Keyed(org.gongkai.job.JobConfig.FILES, java.util.List.of("path"), java.util.List.of()),
      new Keyed(org.gongkai.job.JobConfig.RUNS, java.util.List.of("run_id"), java.util.List.of()));

  /** The key of a silver table. */
  public static Keyed keyed(String table) {
    return KEYED.stream().filter(k -> k.table().equals(table)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no keyed table " + table));
  }

  public static Dataset<Row> files(Dataset<Row> parsed, String runId, String parserVersion, Timestamp now) {
    return parsed.select(
        col("path"), col("size"), col("modification_time"), col("sha256"), col("content_type"), col("encoding"),
        col("outcome"), col("report_id"), lit(runId).as("run_id"), lit(parserVersion).as("parser_version"),
        lit(now).as("ingested_at"), col("transient"), col("attempts"));
  }

  /**
   * The parsed rows, one per report: identical files share a report id, and the rows written for it come from its
   * first path. Only the report ids and paths are shuffled to find the other copies (usually none), never the cells.
   */
  static Dataset<Row> onePerReport(Dataset<Row> parsed) {
    Dataset<Row> reports = parsed.where(col("outcome").equalTo(ParseStage.PARSED));
    Dataset<Row> copies = reports.select("report_id", "path")
        .withColumn("copy", row_number().over(Window.partitionBy("report_id").orderBy("path")))
        .where(col("copy").gt(1))
        .drop("copy");
    return reports.join(broadcast(copies), scala.jdk.javaapi.CollectionConverters.asScala(
        java.util.List.of("report_id", "path")).toSeq(), "left_anti");
  }

  /** The parse step's rows without their cells, which only the metrics table needs (their counts stay). */
  public static Dataset<Row> withoutCells(Dataset<Row> parsed) {
    return parsed.drop("cells");
  }

  /** Reads the rows of {@link #withoutCells}. */
  public static Dataset<Row> reports(Dataset<Row> parsed, String runId, String parserVersion, Timestamp now) {
    return onePerReport(parsed)
        .select(
            col("report_id"), col("path").as("source_path"), col("agency"), col("agency_basis"), col("year"),
            col("year_basis"), col("format"), col("format_basis"), col("title"), col("contact_phone"),
            col("province"), col("province_code"), col("prefecture"), col("prefecture_code"), col("county"),
            col("county_code"), col("region_code"), col("region_resolved_by"), col("region_candidates"),
            col("level"), col("category"), col("scope"), col("source_url"),
            col("agency_basis").equalTo("manifest").as("agency_from_manifest"),
            col("year_basis").equalTo("manifest").as("year_from_manifest"),
            col("encoding"), col("layout"), col("warnings"),
            size(col("warnings")).as("warning_count"),
            col("cells_value"), col("cells_blank"), col("cells_missing"), col("cells_invalid"),
            col("rows_missing"), col("parse_ms"), lit(runId).as("run_id"), lit(parserVersion).as("parser_version"),
            lit(now).as("parsed_at"));
  }

  /**
   * The columns of the metrics table, in order: a cell's key, value, status and lineage. What is the same for every
   * cell of a report (agency, region, format, source path, run id …) lives once in {@code reports}; the view
   * {@code metrics_enriched} joins the two (and the catalog's key parts and units) for analysts.
   */
  public static final java.util.List<String> METRICS_COLUMNS = java.util.List.of("report_id", "year", "metric_key",
      "value", "status", "raw_text", "row_label", "row_basis", "column_label", "column_index", "source_line",
      "layout");

  public static Dataset<Row> metrics(Dataset<Row> parsed) {
    return onePerReport(parsed)
        .select(col("report_id"), col("year"), explode(col("cells")).as("c"))
        .select(
            col("report_id"), col("year"), col("c.metric_key"), col("c.value"), col("c.status"), col("c.raw_text"),
            col("c.row_label"), col("c.row_basis"), col("c.column_label"), col("c.column_index"),
            col("c.source_line"), col("c.layout"));
  }

  /**
   * The report rules' anomalies, one row each, keyed by report and a stable id (rule, cells and message).
   */
  public static Dataset<Row> anomalies(Dataset<Row> parsed, String runId, String parserVersion) {
    return onePerReport(parsed)
        .select(col("report_id"), col("agency"), col("year"), col("path").as("source_path"),
            explode(col("anomalies")).as("a"))
        .select(
            col("report_id"), expr("sha2(concat_ws('|', a.rule_id, array_join(transform(a.cells, c -> c.key), ','), "
                + "coalesce(a.message_en, '')), 256)").as("anomaly_id"),
            col("agency"), col("year"), col("a.rule_id"), col("a.severity"), col("a.scope"), col("a.expected"),
            col("a.actual"), col("a.difference"), col("a.cells"), col("a.message_zh"), col("a.message_en"),
            col("source_path"), lit(null).cast("double").as("statistic"), lit(null).cast("double").as("threshold"),
            lit(runId).as("run_id"), lit(parserVersion).as("parser_version"));
  }

  /**
   * Quarantine rows keyed by path. A file parsed in this run that was quarantined before leaves the quarantine:
   * its row carries the delete flag.
   */
  public static Dataset<Row> quarantine(Dataset<Row> parsed, String runId, String parserVersion, Timestamp now) {
    return parsed.select(
        col("path"), col("size"), col("modification_time"), col("sha256"), col("content_type"), col("stage"),
        col("reason"), col("exception_class"), lit(runId).as("run_id"), lit(parserVersion).as("parser_version"),
        lit(now).as("quarantined_at"), col("encoding"), col("transient"), col("attempts"),
        when(col("outcome").equalTo(ParseStage.PARSED), lit(true)).otherwise(lit(false))
            .as(DeltaStore.DELETE_FLAG));
  }
}
