package org.gongkai.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.gongkai.SparkTestSession;
import org.gongkai.Warehouses;
import org.gongkai.generate.CorpusGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental run (new reports of one year: that year and the next rechecked and rolled up) against the same
 * files in one full run, and against {@code --recheck-all}: every table the same, key for key and value for value.
 */
class IncrementalRecheckTest {

  private final SparkSession spark = SparkTestSession.get();

  @TempDir
  Path tmp;

  private Path generate(String name, int reports, String years, long seed) throws Exception {
    Path out = tmp.resolve(name);
    new CorpusGenerator().generate(new CorpusGenerator.Options(reports, years, out, seed, 0.3));
    return out.resolve("files");
  }

  private long rollupVersion() {
    return version(tmp.resolve("wh-incremental").resolve(org.gongkai.rollup.Rollups.ROLLUP).toString());
  }

  private long version(String table) {
    return io.delta.tables.DeltaTable.forPath(spark, table).history(1).head().getLong(0);
  }

  @Test
  void incrementalRunsLeaveTheTablesAFullRecomputationGives() throws Exception {
    Path in = tmp.resolve("in");
    Warehouses.copy(generate("base", 40, "2019-2025", 7), in.resolve("base"));
    JobConfig incremental = JobConfig.defaults().withInput(in.toString())
        .withWarehouse(tmp.resolve("wh-incremental").toString());
    GongkaiJob.run(spark, incremental, false);
    // the yearly case: a crawl of new reports of one year
    Warehouses.copy(generate("new", 8, "2024-2024", 8), in.resolve("new"));
    long runsVersion = version(incremental.tablePath(JobConfig.RUNS));
    RunSummary added = GongkaiJob.run(spark, incremental, false);
    assertThat(added.parsed()).isEqualTo(8);
    assertThat(added.checkedYears()).containsExactlyInAnyOrder(2024, 2025);
    // the run's row is written three times (claim, plan, finish), and by each heartbeat (a fifth of the lease's
    // staleness: none in a run this short): the stages come with the finish, not in writes of their own
    long beats = (added.endedAt().getTime() - added.startedAt().getTime())
        / Math.max(1_000, incremental.staleAfter().toMillis() / 5);
    assertThat(version(incremental.tablePath(JobConfig.RUNS))).isBetween(runsVersion + 3, runsVersion + 3 + beats);
    assertThat(org.gongkai.store.RunRecord.of(spark.read().format("delta").load(incremental.tablePath(JobConfig.RUNS))
        .where("run_id = '" + added.runId() + "'").head()).stages())
        .containsExactly("store", "checks", "rollups");
    Map<String, String> afterIncrement = Warehouses.fingerprints(spark, tmp.resolve("wh-incremental"));
    assertThat(afterIncrement).containsKeys("reports", "metrics", "anomalies", "agency_year", "rollup");

    JobConfig full = incremental.withWarehouse(tmp.resolve("wh-full").toString());
    RunSummary once = GongkaiJob.run(spark, full, false);
    assertThat(once.parsed()).isEqualTo(48);
    assertThat(once.checkedYears()).isNull();
    assertThat(afterIncrement).isEqualTo(Warehouses.fingerprints(spark, tmp.resolve("wh-full")));

    // the scheduled full recheck: nothing new to parse, every year recomputed, nothing changed
    long rollupVersion = rollupVersion();
    RunSummary recheck = GongkaiJob.run(spark, incremental, false, true);
    assertThat(recheck.parsed()).isZero();
    assertThat(recheck.skipped()).isEqualTo(recheck.seen());
    assertThat(recheck.checkedYears()).isNull();
    assertThat(recheck.describe()).contains("checks and rollups recomputed for every year");
    assertThat(rollupVersion()).isGreaterThan(rollupVersion);
    assertThat(Warehouses.fingerprints(spark, tmp.resolve("wh-incremental"))).isEqualTo(afterIncrement);

    // without it, a run with nothing new recomputes nothing, and writes its row twice only (claim, then the
    // finish with its counts and its empty plan): with nothing to write, no plan is needed before the finish
    long beforeIdle = version(incremental.tablePath(JobConfig.RUNS));
    RunSummary idle = GongkaiJob.run(spark, incremental, false);
    assertThat(idle.checkedYears()).isEmpty();
    assertThat(idle.skipped()).isEqualTo(idle.seen()).isEqualTo(48);
    long idleBeats = (idle.endedAt().getTime() - idle.startedAt().getTime())
        / Math.max(1_000, incremental.staleAfter().toMillis() / 5);
    assertThat(version(incremental.tablePath(JobConfig.RUNS))).isBetween(beforeIdle + 2, beforeIdle + 2 + idleBeats);
    org.gongkai.store.RunRecord idleRow = org.gongkai.store.RunRecord.of(spark.read().format("delta")
        .load(incremental.tablePath(JobConfig.RUNS)).where("run_id = '" + idle.runId() + "'").head());
    assertThat(idleRow.status()).isEqualTo(org.gongkai.store.RunRecord.SUCCEEDED);
    assertThat(idleRow.filesSeen()).isEqualTo(48L);
    assertThat(idleRow.skipped()).isEqualTo(48L);
    assertThat(idleRow.parsed()).isZero();
    assertThat(idleRow.checkAllYears()).isFalse();
    assertThat(idleRow.plannedYears()).isEmpty();
    assertThat(idleRow.stages()).containsExactly("store");
    assertThat(Warehouses.fingerprints(spark, tmp.resolve("wh-incremental"))).isEqualTo(afterIncrement);
  }
}
