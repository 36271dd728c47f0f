package org.gongkai.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.gongkai.SparkTestSession;
import org.gongkai.Warehouses;
import org.gongkai.rollup.Rollups;
import org.gongkai.store.Tables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gongkai migrate} on a real warehouse of the first contract: src/test/resources/warehouses/first-contract
 * was written by gongkai at commit 425892b ({@code jobs/run-local.sh} on the sample corpus), whose metrics
 * carried each report's columns in every cell and DECIMAL(20,4) values.
 */
class MigrateTest {

  private static final Path FIXTURE = Path.of("src/test/resources/warehouses/first-contract");

  /** The cell columns both contracts have, and the report columns the first one repeated in each cell. */
  private static final String CELL = "report_id, year, metric_key, value, status, raw_text, row_label, row_basis, "
      + "column_label, column_index, source_line, layout";
  private static final String REPORT = "agency, format, table_id, row_key, column_key, unit, is_blank, source_path, "
      + "run_id, parser_version";

  private final SparkSession spark = SparkTestSession.get();

  @TempDir
  Path tmp;

  JobConfig cfg;
  Dataset<Row> before;

  @BeforeEach
  void copyTheOldWarehouse() throws IOException {
    Warehouses.copy(FIXTURE, tmp.resolve("wh"));
    Warehouses.copy(FIXTURE, tmp.resolve("untouched"));
    cfg = JobConfig.defaults().withInput(tmp.resolve("in").toString()).withWarehouse(tmp.resolve("wh").toString());
    before = spark.read().format("delta").load(tmp.resolve("untouched/metrics").toString());
  }

  @Test
  void aRunRefusesTheOldContractAndNamesTheMigration() throws IOException {
    Warehouses.copy(Path.of("src/sample/corpus"), tmp.resolve("in"));
    assertThatThrownBy(() -> GongkaiJob.run(spark, cfg, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gongkai migrate --warehouse " + cfg.warehouse());
    // nothing was written
    assertThat(spark.read().format("delta").load(cfg.tablePath(JobConfig.METRICS)).columns()).contains("source_path");
  }

  @Test
  void everyCellKeepsItsValueStatusAndLineageAndTheViewGivesBackTheReportColumns() throws Exception {
    assertThat(before.columns()).contains("agency", "source_path", "run_id");
    assertThat(before.schema().apply("value").dataType().sql()).isEqualTo("DECIMAL(20,4)");
    Dataset<Row> goldBefore = spark.read().format("delta").load(tmp.resolve("untouched/" + Rollups.AGENCY_YEAR)
        .toString());
    // and what two runs at once left in that version, before the lease: a loser's cells, one larger, beside the
    // winner's, under a run the runs table does not know
    Dataset<Row> old = spark.read().format("delta").load(cfg.tablePath(JobConfig.METRICS));
    old.where("metric_key = 't3.new_received.total'").withColumn("run_id", functions.lit("lost-run"))
        .withColumn("value", functions.expr("CAST(value + 1 AS DECIMAL(20,4))"))
        .write().format("delta").mode("append").save(cfg.tablePath(JobConfig.METRICS));

    String out = MigrateCommand.migrate(spark, cfg);

    assertThat(out).contains(before.count() + " cells rewritten").doesNotContain("invalid cells now")
        .contains(String.format("  %-12s %s rows of keys stored twice removed", JobConfig.METRICS,
            before.where("metric_key = 't3.new_received.total'").count()));
    Dataset<Row> after = spark.read().format("delta").load(cfg.tablePath(JobConfig.METRICS));
    assertThat(after.columns()).containsExactlyElementsOf(Tables.METRICS_COLUMNS);
    assertThat(after.schema().apply("value").dataType().sql()).isEqualTo("DECIMAL(18,4)");
    assertThat(after.count()).isEqualTo(before.count()).isPositive();
    // every cell as it was (values compared as numbers), and nothing else
    Dataset<Row> was = before.selectExpr(CELL.replace("value", "CAST(value AS DECIMAL(20,4)) AS value").split(", "));
    Dataset<Row> is = after.selectExpr(CELL.replace("value", "CAST(value AS DECIMAL(20,4)) AS value").split(", "));
    assertThat(was.exceptAll(is).count()).isZero();
    assertThat(is.exceptAll(was).count()).isZero();
    // the view joins back what each cell carried
    SqlCommand.registerViews(spark, cfg);
    Dataset<Row> enriched = spark.table("metrics_enriched");
    String all = CELL.replace("value", "CAST(value AS DECIMAL(20,4)) AS value") + ", " + REPORT;
    assertThat(before.selectExpr(all.split(", ")).exceptAll(enriched.selectExpr(all.split(", "))).count()).isZero();
    assertThat(enriched.count()).isEqualTo(before.count());
    // the checks and gold tables, rebuilt from the migrated cells, hold the same figures
    Dataset<Row> goldAfter = spark.read().format("delta").load(cfg.warehouse() + "/" + Rollups.AGENCY_YEAR);
    assertThat(Warehouses.fingerprint(goldAfter)).isEqualTo(Warehouses.fingerprint(goldBefore));
    assertThat(Warehouses.duplicateKeys(spark, Path.of(cfg.warehouse()))).isEmpty();

    // once is enough
    assertThat(MigrateCommand.migrate(spark, cfg)).contains("nothing to migrate");
  }

  @Test
  void aRunAfterTheMigrationWritesTheNewContract() throws Exception {
    MigrateCommand.migrate(spark, cfg);
    Warehouses.copy(Path.of("src/sample/corpus"), tmp.resolve("in"));

    RunSummary run = GongkaiJob.run(spark, cfg, false);

    // the files are new here (another folder) but the reports the same: each report's cells replaced, once
    assertThat(run.seen()).isEqualTo(11);
    assertThat(run.parsed()).isEqualTo(9);
    assertThat(run.accountedFor()).isTrue();
    Dataset<Row> after = spark.read().format("delta").load(cfg.tablePath(JobConfig.METRICS));
    assertThat(after.count()).isEqualTo(before.count());
    assertThat(Warehouses.duplicateKeys(spark, Path.of(cfg.warehouse()))).isEmpty();
    Dataset<Row> was = before.selectExpr("report_id", "metric_key", "CAST(value AS DECIMAL(20,4)) AS value", "status");
    Dataset<Row> is = after.selectExpr("report_id", "metric_key", "CAST(value AS DECIMAL(20,4)) AS value", "status");
    assertThat(was.exceptAll(is).count()).isZero();
    SqlCommand.registerViews(spark, cfg);
    List<Row> paths = spark.sql("SELECT DISTINCT source_path FROM metrics_enriched").collectAsList();
    assertThat(paths).hasSize(9).allSatisfy(r -> assertThat(r.getString(0)).contains(tmp.resolve("in").toString()));
  }

}
