package org.gongkai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive of jobs/run-local.sh with the real JVM: the first run after a build makes it, the next
 * run loads Spark's, Delta's and gongkai's classes from it, and both runs do what a run without it does.
 */
class ClassDataSharingIT {

  private static final String ARCHIVE_SOURCE = "source: shared objects file (top)";

  @TempDir
  Path tmp;

  @Test
  void theFirstRunMakesTheArchiveAndTheNextLoadsItsClassesFromIt() throws Exception {
    Path stamp = Path.of("target/gongkai.jsa.stamp");
    Files.deleteIfExists(stamp); // as after a build: the archive no longer counts as made
    Path warehouse = tmp.resolve("wh");

    JobProcess first = JobProcess.runLocalWithClassData(tmp.resolve("first.log"), "", "--input",
        "src/sample/corpus", "--warehouse", warehouse.toString());
    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(first.output()).contains("gongkai: writing the class-data archive")
        .contains("11 files seen: 9 parsed, 2 quarantined, 0 skipped as already ingested");
    assertThat(Files.readString(stamp)).startsWith("ok ");
    assertThat(Files.size(Path.of("target/gongkai.jsa"))).isGreaterThan(20L << 20);

    Path classLog = tmp.resolve("classes.log");
    JobProcess second = JobProcess.runLocalWithClassData(tmp.resolve("second.log"),
        "-Xlog:class+load=info:file=" + classLog, "--input", "src/sample/corpus", "--warehouse",
        warehouse.toString());
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(second.output()).doesNotContain("class-data archive")
        .contains("11 files seen: 0 parsed, 0 quarantined, 11 skipped as already ingested");
    List<String> loaded = Files.readAllLines(classLog);
    List<String> shared = loaded.stream().filter(l -> l.contains(ARCHIVE_SOURCE)).toList();
    assertThat(shared).as("classes from the archive").hasSizeGreaterThan(5_000)
        .anyMatch(l -> l.contains(" org.apache.spark.sql.SparkSession "))
        .anyMatch(l -> l.contains(" io.delta.tables.DeltaTable "))
        .anyMatch(l -> l.contains(" org.gongkai.job.GongkaiJob "));
    // most of what the run loads: the classes generated at run time (lambdas, Spark's code generation) are not
    assertThat(shared.size()).isGreaterThan(loaded.size() / 2);
  }
}
