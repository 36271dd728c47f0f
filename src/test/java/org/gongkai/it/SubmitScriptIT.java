package org.gongkai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gongkai.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/submit.sh} runs the cluster jar through spark-submit's own launcher in a separate JVM, as on a
 * cluster: Spark from Spark's jars, gongkai only from target/gongkai-cluster.jar. Runs after {@code package}.
 */
class SubmitScriptIT {

  @TempDir
  Path tmp;

  @Test
  void theClusterJarCarriesNoSparkOrScala() throws IOException {
    try (JarFile jar = new JarFile("target/gongkai-cluster.jar")) {
      assertThat(jar.stream().map(e -> e.getName()))
          .anyMatch(n -> n.equals("org/gongkai/job/GongkaiJob.class"))
          .anyMatch(n -> n.equals("io/delta/tables/DeltaTable.class"))
          .anyMatch(n -> n.equals("org/apache/hadoop/fs/s3a/S3AFileSystem.class"))
          // Delta's own classes live under org/apache/spark/sql/delta; Spark's must not be there
          .noneMatch(n -> n.equals("org/apache/spark/SparkContext.class"))
          .noneMatch(n -> n.equals("org/apache/spark/sql/classic/SparkSession.class"))
          .noneMatch(n -> n.startsWith("org/apache/spark/deploy/"))
          .noneMatch(n -> n.startsWith("scala/"))
          .noneMatch(n -> n.startsWith("com/fasterxml/jackson/databind/"));
    }
  }

  @Test
  void submitWithLocalMasterWritesTheTables() throws Exception {
    Path warehouse = tmp.resolve("wh");
    Path log = tmp.resolve("submit.log");
    Process p = new ProcessBuilder("bash", "jobs/submit.sh", "--master", "local[2]", "--",
        "--input", Path.of("src/sample/corpus").toAbsolutePath().toString(), "--warehouse", warehouse.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("11 files seen: 9 parsed, 2 quarantined, 0 skipped");

    SparkSession spark = SparkTestSession.get();
    Row sum = spark.read().format("delta").load(warehouse.resolve("metrics").toString())
        .join(spark.read().format("delta").load(warehouse.resolve("reports").toString())
            .select("report_id", "source_path"), "report_id")
        .where("metric_key = 't3.new_received.total' AND source_path RLIKE '/0[0-9]{2}_[0-9a-f]+\\\\.txt$'")
        .selectExpr("sum(value)").head();
    assertThat(sum.getDecimal(0)).isEqualByComparingTo("24");
  }
}
