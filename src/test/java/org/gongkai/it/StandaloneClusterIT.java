package org.gongkai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.gongkai.SparkTestSession;
import org.gongkai.job.GongkaiJob;
import org.gongkai.job.JobConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spark-submit of the cluster jar to a real Spark standalone cluster (a Master and a Worker, separate JVMs on
 * 127.0.0.1, started by jobs/local-cluster.sh from the Spark jars Maven resolves), in client and cluster mode. The
 * tables must equal a local-mode run's.
 */
class StandaloneClusterIT {

  private static final SparkSession SPARK = SparkTestSession.get();
  private static Path clusterDir;
  private static String master;

  @BeforeAll
  static void startCluster() throws Exception {
    clusterDir = Files.createTempDirectory("gongkai-cluster");
    Path log = clusterDir.resolve("start.log");
    Process p = new ProcessBuilder("bash", "jobs/local-cluster.sh", "start", clusterDir.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    master = Files.readString(clusterDir.resolve("master-url")).strip();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (clusterDir != null) {
      new ProcessBuilder("bash", "jobs/local-cluster.sh", "stop", clusterDir.toString()).start()
          .waitFor(1, TimeUnit.MINUTES);
    }
  }

  private static String submit(String mode, Path warehouse, Path log) throws Exception {
    String opens = Files.readString(Path.of("pom.xml"))
        .replaceAll("(?s).*<spark.jvm.opens>(.*?)</spark.jvm.opens>.*", "$1");
    List<String> cmd = new ArrayList<>(List.of("bash", "jobs/submit.sh", "--master", master, "--deploy-mode", mode,
        "--conf", "spark.executor.extraJavaOptions=" + opens,
        "--conf", "spark.driver.extraJavaOptions=" + opens,
        "--conf", "spark.standalone.submit.waitAppCompletion=true",
        "--conf", "spark.executor.memory=1g",
        "--", "--input", Path.of("src/sample/corpus").toAbsolutePath().toString(),
        "--warehouse", warehouse.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }

  private static List<String> cells(String warehouse) {
    return WarehouseCells.of(SPARK, warehouse);
  }

  @Test
  void clientAndClusterModeGiveTheLocalModeTables(@TempDir Path tmp) throws Exception {
    JobConfig local = JobConfig.defaults().withInput(Path.of("src/sample/corpus").toAbsolutePath().toString())
        .withWarehouse(tmp.resolve("local").toString());
    GongkaiJob.run(SPARK, local, false);
    List<String> expected = cells(tmp.resolve("local").toString());
    assertThat(expected).hasSize(8 * 200 + 198);

    String client = submit("client", tmp.resolve("client"), tmp.resolve("client.log"));
    assertThat(client).contains("11 files seen: 9 parsed, 2 quarantined, 0 skipped");
    assertThat(cells(tmp.resolve("client").toString())).isEqualTo(expected);

    submit("cluster", tmp.resolve("cluster"), tmp.resolve("cluster.log"));
    assertThat(cells(tmp.resolve("cluster").toString())).isEqualTo(expected);
  }
}
