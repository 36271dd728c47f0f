package org.gongkai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gongkai.SparkTestSession;
import org.gongkai.Warehouses;
import org.gongkai.job.JobConfig;
import org.gongkai.job.MigrateCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gongkai migrate} killed with SIGKILL in its own JVM, then run again: the warehouse ends as one migrate
 * that was never interrupted leaves it, each key once, and the second migrate says it finished the first's work.
 * The old warehouse is the one MigrateTest uses, written by gongkai at commit 425892b.
 */
class MigrateCrashIT {

  private static final Path FIXTURE = Path.of("src/test/resources/warehouses/first-contract");

  @TempDir
  static Path tmp;
  static Map<String, String> expected;

  private final SparkSession spark = SparkTestSession.get();

  @BeforeAll
  static void oneMigrateUninterrupted() throws Exception {
    Path clean = Warehouses.copy(FIXTURE, tmp.resolve("wh-clean"));
    MigrateCommand.migrate(SparkTestSession.get(), JobConfig.defaults().withWarehouse(clean.toString()));
    expected = Warehouses.fingerprints(SparkTestSession.get(), clean);
    assertThat(expected).containsKeys("metrics", "metric_catalog", "anomalies", "agency_year", "rollup");
  }

  @ParameterizedTest
  @ValueSource(strings = {"migrate-before-rewrite", "migrate-after-rewrite"})
  void aMigrateKilledIsFinishedByTheNextOne(String point) throws Exception {
    Path warehouse = Warehouses.copy(FIXTURE, tmp.resolve("wh-" + point));
    JobProcess killed = JobProcess.gongkaiWith(tmp.resolve(point + "-killed.log"), "-Dgongkai.pauseAt=" + point,
        "migrate", "--warehouse", warehouse.toString());
    killed.awaitOutput("gongkai: paused at " + point, 600);
    killed.kill();
    // written before the rewrite: a plain run after this kill would find the current contract and not write it
    assertThat(Files.exists(warehouse.resolve("metric_catalog/_delta_log"))).as("catalog before the kill").isTrue();

    JobProcess again = JobProcess.gongkai(tmp.resolve(point + "-again.log"), "migrate", "--warehouse",
        warehouse.toString());
    assertThat(again.exit()).as(again.output()).isZero();

    assertThat(Warehouses.duplicateKeys(spark, warehouse)).isEmpty();
    assertThat(Warehouses.fingerprints(spark, warehouse)).isEqualTo(expected);
    List<Row> migrates = spark.read().format("delta").load(warehouse.resolve("runs").toString())
        .where("command = 'migrate'").orderBy("started_at").collectAsList();
    assertThat(migrates).hasSize(2);
    Row dead = migrates.get(0);
    Row finishing = migrates.get(1);
    assertThat((String) dead.getAs("status")).isEqualTo("abandoned");
    assertThat((String) dead.getAs("error")).contains("is gone");
    assertThat((String) finishing.getAs("status")).isEqualTo("succeeded");
    assertThat(finishing.<String>getList(finishing.fieldIndex("recovers"))).containsExactly(
        (String) dead.getAs("run_id"));
    assertThat(finishing.<String>getList(finishing.fieldIndex("stages"))).contains("checks", "rollups");
    if (point.equals("migrate-after-rewrite")) {
      assertThat(again.output()).contains("nothing to migrate").contains("left unfinished redone: checks and "
          + "rollups of every year");
    } else {
      assertThat(again.output()).contains("cells rewritten with cell-level columns");
    }
    assertThat(Files.exists(warehouse.resolve("metric_catalog/_delta_log"))).isTrue();
  }
}
