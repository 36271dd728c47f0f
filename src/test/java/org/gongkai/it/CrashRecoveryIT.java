package org.gongkai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gongkai.SparkTestSession;
import org.gongkai.Warehouses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real job JVM at three moments of an incremental run (after metrics, after files, during the
 * rollups), then a plain rerun: every table, gold ones included, equals that of a run that was never killed.
 *
 * <p>A warehouse holds part A of the sample corpus; part B arrives. The reference is A then B, both clean. Each
 * case starts from a copy of the A warehouse, runs B until the fault point, kills it there and runs again.
 */
class CrashRecoveryIT {

  private static final List<String> PART_B = List.of("html_2019_gb18030.html", "html_2021_gbk_gb2312.html",
      "html_2021_utf8_site.html", "html_2021_utf8_wrong_meta.html", "html_news_page.html");

  @TempDir
  static Path tmp;
  static Path input;
  static Path afterA;
  static Path reference;
  static Map<String, String> expected;

  private final SparkSession spark = SparkTestSession.get();

  @BeforeAll
  static void partAThenPartB() throws Exception {
    input = Files.createDirectories(tmp.resolve("in"));
    Path sample = Path.of("src/sample/corpus");
    try (Stream<Path> files = Files.list(sample)) {
      for (Path f : files.toList()) {
        if (!PART_B.contains(f.getFileName().toString())) {
          Files.copy(f, input.resolve(f.getFileName()));
        }
      }
    }
    afterA = tmp.resolve("wh-a");
    runClean(afterA, "a");
    for (String b : PART_B) {
      Files.copy(sample.resolve(b), input.resolve(b));
    }
    reference = copy(afterA, "wh-reference");
    runClean(reference, "reference");
    expected = Warehouses.fingerprints(SparkTestSession.get(), reference);
    assertThat(expected).containsKeys("metrics", "reports", "files", "quarantine", "anomalies", "agency_year",
        "rollup");
  }

  private static void runClean(Path warehouse, String name) throws Exception {
    JobProcess run = JobProcess.runLocal(tmp.resolve(name + ".log"), "", "--input", input.toString(),
        "--warehouse", warehouse.toString());
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("files seen");
  }

  private static Path copy(Path warehouse, String name) throws IOException {
    return Warehouses.copy(warehouse, tmp.resolve(name));
  }

  private void killAtThenRerun(String point) throws Exception {
    Path warehouse = copy(afterA, "wh-" + point);
    JobProcess killed = JobProcess.runLocal(tmp.resolve(point + "-killed.log"), "-Dgongkai.pauseAt=" + point,
        "--input", input.toString(), "--warehouse", warehouse.toString());
    killed.awaitOutput("gongkai: paused at " + point, 600);
    killed.kill();

    JobProcess rerun = JobProcess.runLocal(tmp.resolve(point + "-rerun.log"), "", "--input", input.toString(),
        "--warehouse", warehouse.toString());
    assertThat(rerun.exit()).as(rerun.output()).isZero();

    assertThat(Warehouses.duplicateKeys(spark, warehouse)).isEmpty();
    assertThat(Warehouses.fingerprints(spark, warehouse)).isEqualTo(expected);
    // the killed run is recorded as such, and the rerun says it redid its work
    List<Row> runs = spark.read().format("delta").load(warehouse.resolve("runs").toString())
        .orderBy("started_at").collectAsList();
    assertThat(runs).hasSize(3);
    Row dead = runs.get(1);
    Row rerunRow = runs.get(2);
    assertThat((String) dead.getAs("status")).isEqualTo("abandoned");
    assertThat((String) dead.getAs("error")).contains("is gone");
    assertThat(((Number) dead.getAs("pid")).longValue()).isEqualTo(killed.pid());
    assertThat((String) rerunRow.getAs("status")).isEqualTo("succeeded");
    assertThat(rerunRow.<String>getList(rerunRow.fieldIndex("stages"))).contains("store", "checks", "rollups");
    if (!point.equals("after-metrics")) {
      // the files were marked ingested: nothing is new, the checks and rollups are redone for the killed run
      assertThat(rerunRow.<String>getList(rerunRow.fieldIndex("recovers")))
          .containsExactly((String) dead.getAs("run_id"));
      assertThat(rerun.output()).contains("0 parsed");
    }
  }

  @Test
  void killedAfterTheMetricsWrite() throws Exception {
    killAtThenRerun("after-metrics");
  }

  @Test
  void killedAfterTheFilesWrite() throws Exception {
    killAtThenRerun("after-files");
  }

  /**
   * A run with nothing new writes no plan before its finish: killed there, it leaves a row without one, and the
   * next run has nothing of it to redo.
   */
  @Test
  void killedWithNothingNewBeforeItsFinish() throws Exception {
    Path warehouse = copy(reference, "wh-idle");
    JobProcess killed = JobProcess.runLocal(tmp.resolve("idle-killed.log"), "-Dgongkai.pauseAt=after-files",
        "--input", input.toString(), "--warehouse", warehouse.toString());
    killed.awaitOutput("gongkai: paused at after-files", 600);
    killed.kill();

    JobProcess rerun = JobProcess.runLocal(tmp.resolve("idle-rerun.log"), "", "--input", input.toString(),
        "--warehouse", warehouse.toString());
    assertThat(rerun.exit()).as(rerun.output()).isZero();
    assertThat(rerun.output()).contains("0 parsed").doesNotContain("left unfinished");
    assertThat(Warehouses.fingerprints(spark, warehouse)).isEqualTo(expected);
    List<Row> runs = spark.read().format("delta").load(warehouse.resolve("runs").toString())
        .orderBy("started_at").collectAsList();
    // part A, the reference run, the killed run, the rerun
    assertThat(runs).hasSize(4);
    Row dead = runs.get(2);
    Row rerunRow = runs.get(3);
    assertThat((String) dead.getAs("status")).isEqualTo("abandoned");
    assertThat(((Number) dead.getAs("pid")).longValue()).isEqualTo(killed.pid());
    assertThat((Object) dead.getAs("check_all_years")).isNull();
    assertThat((String) rerunRow.getAs("status")).isEqualTo("succeeded");
    assertThat(rerunRow.<String>getList(rerunRow.fieldIndex("recovers"))).isEmpty();
    assertThat(((Number) rerunRow.getAs("skipped")).longValue())
        .isEqualTo(((Number) rerunRow.getAs("files_seen")).longValue()).isPositive();
  }

  @Test
  void killedDuringTheRollups() throws Exception {
    killAtThenRerun("during-rollups");
  }
}
