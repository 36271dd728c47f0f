package org.gongkai.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gongkai.Fixtures;
import org.gongkai.SparkTestSession;
import org.gongkai.Warehouses;
import org.gongkai.rollup.Rollups;
import org.gongkai.store.DeltaStore;
import org.gongkai.store.Repair;
import org.gongkai.store.RunLog;
import org.gongkai.store.RunRecord;
import org.gongkai.store.WarehouseBusyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults a warehouse meets, in the shared session: a number no value type holds, duplicate keys an older
 * gongkai left, a run that died before its checks, a live holder of the lease, a quarantine reason that may pass.
 * The same faults in real processes (kill -9, two JVMs at once) are in {@code org.gongkai.it}.
 */
class ReliabilityTest {

  private static final List<String> CORPUS = List.of(
      "000_6cbbeb53464e9ccf.txt", "001_39611b7db0bb4983.txt", "002_b3fef9399b69f476.txt",
      "003_095ad78399e2aa03.txt", "004_46f3e938f0b9fe4b.txt", "html_list_page.html");

  private final SparkSession spark = SparkTestSession.get();
  private final DeltaStore store = new DeltaStore(spark);

  @TempDir
  Path tmp;
  Path input;
  JobConfig cfg;

  @BeforeEach
  void corpus() throws IOException {
    input = Files.createDirectories(tmp.resolve("in"));
    for (String f : CORPUS) {
      Files.write(input.resolve(f), Fixtures.seed(f));
    }
    cfg = JobConfig.defaults().withInput(input.toString()).withWarehouse(tmp.resolve("wh").toString());
  }

  private Dataset<Row> table(String name) {
    return spark.read().format("delta").load(cfg.tablePath(name));
  }

  private String goldPath(String name) {
    return cfg.warehouse() + "/" + name;
  }

  private Map<String, String> fingerprints() throws IOException {
    Map<String, String> all = Warehouses.fingerprints(spark, Path.of(cfg.warehouse()));
    assertThat(all).containsKeys(Rollups.AGENCY_YEAR, Rollups.ROLLUP, JobConfig.METRICS);
    return all;
  }

  private void assertEveryKeyOnce() {
    assertThat(Warehouses.duplicateKeys(spark, Path.of(cfg.warehouse()))).isEmpty();
    assertThat(table(JobConfig.METRICS).count()).isPositive();
  }

  private Set<Integer> years() {
    Set<Integer> years = new TreeSet<>();
    table(JobConfig.REPORTS).select("year").distinct().collectAsList().forEach(r -> years.add(r.getInt(0)));
    return years;
  }

  /** A runs row of a run on this machine whose process is gone (killed), started just now. */
  private void appendDeadRun(String runId, Set<Integer> plannedYears, List<String> stages) throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Timestamp now = Timestamp.from(Instant.now());
    RunRecord dead = RunLog.claimOf(runId, "run", now, cfg.input(), cfg.warehouse(), false, "test")
        .withPlan(plannedYears, false, List.of());
    for (String s : stages) {
      dead = dead.withStage(s);
    }
    spark.createDataFrame(List.of(dead.toRow()), RunRecord.SCHEMA)
        .withColumn("pid", lit(gone.pid()))
        .write().format("delta").mode("append").save(cfg.tablePath(JobConfig.RUNS));
  }

  @Test
  void aNumberNoValueTypeHoldsIsAnInvalidCellAndTheRunGoesOn() throws IOException {
    String huge = "99999999999999999999999999";
    Files.writeString(input.resolve("005_huge.txt"), Fixtures.seedText("000_6cbbeb53464e9ccf.txt")
        .replace("路桥区医疗保障局", "椒江区医疗保障局").replace("行政处罚 | 11 |", "行政处罚 | " + huge + " |"));

    RunSummary run = GongkaiJob.run(spark, cfg, false);

    assertThat(run.seen()).isEqualTo(7);
    assertThat(run.parsed()).isEqualTo(6);
    assertThat(run.quarantined()).isEqualTo(1);
    assertThat(run.accountedFor()).isTrue();
    Row cell = table(JobConfig.METRICS).join(table(JobConfig.REPORTS).select("report_id", "source_path"), "report_id")
        .where("source_path LIKE '%005_huge.txt' AND metric_key = 't2.penalty.decisions'")
        .select("value", "status", "raw_text").head();
    assertThat(cell.isNullAt(0)).isTrue();
    assertThat(cell.getString(1)).isEqualTo("invalid");
    assertThat(cell.getString(2)).isEqualTo(huge);
    // a value is never null with the status value
    assertThat(table(JobConfig.METRICS).where("status = 'value' AND value IS NULL").count()).isZero();
    Row report = table(JobConfig.REPORTS).where("source_path LIKE '%005_huge.txt'")
        .select("cells_invalid", "warnings").head();
    assertThat(report.getInt(0)).isEqualTo(1);
    assertThat(report.<String>getList(1)).anyMatch(w -> w.contains("number out of range: " + huge));
    assertThat((String) table(JobConfig.RUNS).head().getAs("status")).isEqualTo(RunRecord.SUCCEEDED);
    // the rollups leave the invalid cell out instead of failing on it
    assertThat(spark.read().format("delta").load(goldPath(Rollups.AGENCY_YEAR)).count()).isPositive();
  }

  @Test
  void duplicateKeysOfAnOlderVersionAreRemovedKeepingTheSucceededRunsRowsAndReprocessWorks() throws IOException {
    GongkaiJob.run(spark, cfg, false);
    Map<String, String> clean = fingerprints();
    // what two runs at once left before the lease: the loser's rows beside the winner's, with its own run id
    // and no runs row; one of its figures differs, as a later file version's would. (Metrics of that time had a
    // run id and another contract: gongkai migrate removes their duplicates, MigrateTest.)
    for (String t : List.of(JobConfig.REPORTS, JobConfig.FILES, JobConfig.QUARANTINE, JobConfig.ANOMALIES)) {
      Dataset<Row> loser = table(t).withColumn("run_id", lit("lost-run"));
      if (t.equals(JobConfig.REPORTS)) {
        loser = loser.withColumn("cells_value", col("cells_value").plus(lit(1)));
      }
      loser.write().format("delta").mode("append").save(cfg.tablePath(t));
    }
    assertThat(table(JobConfig.REPORTS).count()).isEqualTo(2 * table(JobConfig.REPORTS)
        .select("report_id").distinct().count());
    // and a runs table as that version wrote it: no stages, which marks the warehouse for repair
    String runs = cfg.tablePath(JobConfig.RUNS);
    table(JobConfig.RUNS).select("run_id", "started_at", "ended_at", "input_uri", "warehouse", "reprocess",
            "files_seen", "parsed", "quarantined", "skipped", "status", "parser_version")
        .write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(runs);

    RunSummary next = GongkaiJob.run(spark, cfg, false);

    assertThat(next.skipped()).isEqualTo(CORPUS.size());
    assertEveryKeyOnce();
    assertThat(fingerprints()).isEqualTo(clean);
    assertThat(table(JobConfig.REPORTS).where("run_id = 'lost-run'").count()).isZero();

    RunSummary again = GongkaiJob.run(spark, cfg, true);
    assertThat(again.parsed()).isEqualTo(5);
    assertEveryKeyOnce();
    assertThat(fingerprints()).isEqualTo(clean);
  }

  @Test
  void gongkaiRepairRemovesDuplicateKeysAndRebuildsTheChecksAndRollups() {
    GongkaiJob.run(spark, cfg, false);
    table(JobConfig.REPORTS).withColumn("run_id", lit("lost-run")).write().format("delta").mode("append")
        .save(cfg.tablePath(JobConfig.REPORTS));

    String said = RepairCommand.repair(spark, cfg);

    assertThat(said).contains(String.format("  %-12s %s%n", JobConfig.REPORTS, "5 rows of keys stored twice removed"))
        .contains(String.format("  %-12s %s%n", JobConfig.METRICS, "each key once"))
        .contains("cross-report checks, agency_year and rollup rebuilt for every year");
    assertEveryKeyOnce();
    assertThat(RunRecord.of(table(JobConfig.RUNS).orderBy(col("started_at").desc()).head()).stages())
        .containsExactly("store", "prune", "checks", "rollups");
    assertThat(Repair.dedupe(spark, store, cfg).values()).allMatch(n -> n == 0);
  }

  /**
   * A warehouse as a run leaves it that stored its reports and died: its checks' and rollups' rows gone; the
   * fingerprints of the clean warehouse before.
   */
  private Map<String, String> diedAfterStore() throws Exception {
    GongkaiJob.run(spark, cfg, false);
    Map<String, String> clean = fingerprints();
    Set<Integer> years = years();
    spark.sql("DELETE FROM delta.`" + store.qualified(goldPath(Rollups.ROLLUP)) + "`");
    spark.sql("DELETE FROM delta.`" + store.qualified(goldPath(Rollups.AGENCY_YEAR)) + "`");
    spark.sql("DELETE FROM delta.`" + store.qualified(cfg.tablePath(JobConfig.ANOMALIES))
        + "` WHERE scope <> 'report'");
    appendDeadRun("died-after-files", years, List.of("store"));
    return clean;
  }

  @Test
  void aRunThatDiedBeforeItsChecksAndRollupsHasThemRedoneByTheNextEvenWithNoNewFile() throws Exception {
    Map<String, String> clean = diedAfterStore();

    RunSummary next = GongkaiJob.run(spark, cfg, false);

    assertThat(next.skipped()).isEqualTo(CORPUS.size());
    assertThat(fingerprints()).isEqualTo(clean);
    Map<String, RunRecord> runs = new LinkedHashMap<>();
    table(JobConfig.RUNS).collectAsList().forEach(r -> runs.put(r.getAs("run_id"), RunRecord.of(r)));
    assertThat(runs.get("died-after-files").status()).isEqualTo(RunRecord.ABANDONED);
    assertThat(runs.get("died-after-files").error()).startsWith("process ").contains(" is gone (found by run ");
    RunRecord recovering = runs.values().stream().filter(r -> r.recovers().contains("died-after-files"))
        .findFirst().orElseThrow();
    assertThat(recovering.status()).isEqualTo(RunRecord.SUCCEEDED);
    assertThat(recovering.stages()).contains("store", "checks", "rollups");

    // recovered once: the run after that has nothing to redo
    RunSummary quiet = GongkaiJob.run(spark, cfg, false);
    assertThat(quiet.skipped()).isEqualTo(CORPUS.size());
    RunRecord last = RunRecord.of(table(JobConfig.RUNS).orderBy(col("started_at").desc()).head());
    assertThat(last.recovers()).isEmpty();
    assertThat(last.plannedYears()).isEmpty();
  }

  @Test
  void aMigrateWithNothingToMigrateStillRedoesWhatADeadRunLeftAndDoesNotHideIt() throws Exception {
    Map<String, String> clean = diedAfterStore();

    String said = MigrateCommand.migrate(spark, cfg);

    assertThat(said).contains("nothing to migrate")
        .contains("what runs [died-after-files] left unfinished redone: checks and rollups of years ");
    assertThat(fingerprints()).isEqualTo(clean);
    RunRecord migrate = RunRecord.of(table(JobConfig.RUNS).orderBy(col("started_at").desc()).head());
    assertThat(migrate.command()).isEqualTo("migrate");
    assertThat(migrate.status()).isEqualTo(RunRecord.SUCCEEDED);
    assertThat(migrate.recovers()).containsExactly("died-after-files");
    assertThat(migrate.stages()).containsExactly("store", "prune", "checks", "rollups");
    // its success ended the dead run's work: the next run has nothing to redo
    GongkaiJob.run(spark, cfg, false);
    RunRecord last = RunRecord.of(table(JobConfig.RUNS).orderBy(col("started_at").desc()).head());
    assertThat(last.recovers()).isEmpty();
    assertThat(last.plannedYears()).isEmpty();
  }

  @Test
  void aLiveHolderOfTheWarehouseIsNotDisturbedAndTheSecondRunIsRefused() {
    String runs = cfg.tablePath(JobConfig.RUNS);
    store.createIfMissing(RunRecord.SCHEMA, runs, List.of(), Map.of());
    // this very process, beating now: alive
    Timestamp now = Timestamp.from(Instant.now());
    RunRecord holder = RunLog.claimOf("holder", "run", now, cfg.input(), cfg.warehouse(), false, "test");
    spark.createDataFrame(List.of(holder.toRow()), RunRecord.SCHEMA).write().format("delta").mode("append")
        .save(runs);

    assertThatThrownBy(() -> GongkaiJob.run(spark, cfg, false))
        .isInstanceOf(WarehouseBusyException.class)
        .hasMessageStartingWith("the warehouse is in use by run holder (gongkai run on ")
        .hasMessageContaining("pid " + ProcessHandle.current().pid())
        .hasMessageContaining("wait for it to finish");
    assertThat(UserErrors.exitCode(new WarehouseBusyException(holder, cfg.staleAfter()))).isEqualTo(3);

    assertThat(store.exists(cfg.tablePath(JobConfig.METRICS))).isFalse();
    assertThat(store.exists(cfg.tablePath(JobConfig.FILES))).isFalse();
    List<Row> rows = table(JobConfig.RUNS).orderBy("started_at").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat((String) rows.get(0).getAs("status")).isEqualTo(RunRecord.RUNNING);
    assertThat((String) rows.get(1).getAs("status")).isEqualTo(RunRecord.REFUSED);
    assertThat((String) rows.get(1).getAs("error")).isEqualTo("the warehouse is in use by run holder");
  }

  @Test
  void aQuarantineReasonThatMayPassIsRetriedUpToTheConfiguredCountAndAPermanentOneIsNot() {
    GongkaiJob.run(spark, cfg.withTransientRetries(1), false);
    // as a run whose time budget ran out on one file left it (a real timeout is in ParseStageTest)
    String files = store.qualified(cfg.tablePath(JobConfig.FILES));
    spark.sql("UPDATE delta.`" + files + "` SET outcome = 'quarantined', transient = true, attempts = 1, "
        + "report_id = NULL WHERE path LIKE '%003_095ad78399e2aa03.txt'");

    RunSummary retry = GongkaiJob.run(spark, cfg.withTransientRetries(1), false);

    // the file retried is parsed; the list page (no tables: permanent) is not tried again
    assertThat(retry.seen()).isEqualTo(6);
    assertThat(retry.parsed()).isEqualTo(1);
    assertThat(retry.skipped()).isEqualTo(5);
    Row row = table(JobConfig.FILES).where("path LIKE '%003_095ad78399e2aa03.txt'")
        .select("outcome", "attempts", "transient").head();
    assertThat(row.getString(0)).isEqualTo(ParseStage.PARSED);
    assertThat(row.getInt(1)).isEqualTo(2);

    // tried 1 + retries times: it stays as it is
    spark.sql("UPDATE delta.`" + files + "` SET outcome = 'quarantined', transient = true, attempts = 2 "
        + "WHERE path LIKE '%003_095ad78399e2aa03.txt'");
    RunSummary settled = GongkaiJob.run(spark, cfg.withTransientRetries(1), false);
    assertThat(settled.skipped()).isEqualTo(6);
    assertThat(settled.accountedFor()).isTrue();
  }
}
