package org.gongkai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.gongkai.SparkTestSession;
import org.gongkai.Warehouses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real job processes on one existing warehouse: one writes, the other is refused with a message naming the
 * holder (exit status 3), and no table holds a key twice. Also the command-line errors of a real process.
 */
class ConcurrentRunsIT {

  private static final List<String> LATER = List.of("html_2021_utf8_site.html", "html_2021_utf8_wrong_meta.html");

  @TempDir
  static Path shared;
  static Path input;
  static Path base;

  @TempDir
  Path tmp;
  Path warehouse;

  private final SparkSession spark = SparkTestSession.get();

  /** A warehouse that has ingested most of the sample corpus (built once); then two more files arrive. */
  @BeforeAll
  static void existingWarehouse() throws Exception {
    input = Files.createDirectories(shared.resolve("in"));
    Path sample = Path.of("src/sample/corpus");
    try (Stream<Path> files = Files.list(sample)) {
      for (Path f : files.toList()) {
        if (!LATER.contains(f.getFileName().toString())) {
          Files.copy(f, input.resolve(f.getFileName()));
        }
      }
    }
    base = shared.resolve("wh");
    JobProcess first = JobProcess.runLocal(shared.resolve("first.log"), "", "--input", input.toString(),
        "--warehouse", base.toString());
    assertThat(first.exit()).as(first.output()).isZero();
    for (String f : LATER) {
      Files.copy(sample.resolve(f), input.resolve(f));
    }
  }

  /** Each test on its own copy of the warehouse. */
  @BeforeEach
  void copyOfTheWarehouse() throws Exception {
    warehouse = Warehouses.copy(base, tmp.resolve("wh"));
  }

  private JobProcess run(String name, String jvmOptions) throws Exception {
    return JobProcess.runLocal(tmp.resolve(name + ".log"), jvmOptions, "--input", input.toString(),
        "--warehouse", warehouse.toString());
  }

  private long count(String table) {
    return spark.read().format("delta").load(warehouse.resolve(table).toString()).count();
  }

  @Test
  void aSecondRunWhileOneHoldsTheWarehouseIsRefusedWithTheHoldersName() throws Exception {
    Path resume = tmp.resolve("resume");
    JobProcess holder = run("holder", "-Dgongkai.pauseAt=claimed -Dgongkai.resumeFile=" + resume);
    holder.awaitOutput("gongkai: paused at claimed", 600);

    JobProcess second = run("second", "");
    int exit = second.exit();
    String out = second.output();
    assertThat(exit).as(out).isEqualTo(3);
    assertThat(out).contains("gongkai run: the warehouse is in use by run ")
        .contains("pid " + holder.pid()).contains("wait for it to finish").doesNotContain("\tat ");

    Files.createFile(resume);
    assertThat(holder.exit()).as(holder.output()).isZero();
    assertThat(holder.output()).contains("2 parsed");

    assertThat(Warehouses.duplicateKeys(spark, warehouse)).isEmpty();
    assertThat(count("files")).isEqualTo(11);
    assertThat(count("reports")).isEqualTo(9);
    assertThat(spark.read().format("delta").load(warehouse.resolve("runs").toString())
        .groupBy("status").count().orderBy("status").collectAsList().toString())
        .isEqualTo("[[refused,1], [succeeded,2]]");
  }

  @Test
  void twoRunsStartedTogetherNeverHoldAKeyTwice() throws Exception {
    JobProcess a = run("a", "");
    JobProcess b = run("b", "");
    int exitA = a.exit();
    int exitB = b.exit();

    // one writes; the other is refused, or (had it started after the first ended) finds nothing new
    assertThat(List.of(exitA, exitB)).as(a.output() + "\n----\n" + b.output()).containsAnyOf(0)
        .allMatch(e -> e == 0 || e == 3);
    assertThat(Warehouses.duplicateKeys(spark, warehouse)).isEmpty();
    assertThat(count("files")).isEqualTo(11);
    assertThat(count("reports")).isEqualTo(9);
    long refused = spark.read().format("delta").load(warehouse.resolve("runs").toString())
        .where("status = 'refused'").count();
    assertThat(refused).isEqualTo(List.of(exitA, exitB).stream().filter(e -> e == 3).count());
  }

  @Test
  void aWarehouseThatIsAFileAndAQueryOfAMissingTableAreOneLineEach() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
    JobProcess bad = JobProcess.gongkai(tmp.resolve("bad.log"), "run", "--master", "local[1]", "--input",
        input.toString(), "--warehouse", file.toString());
    assertThat(bad.exit()).as(bad.output()).isEqualTo(2);
    assertThat(bad.output()).contains("gongkai run: the warehouse " + file + " is a file, not a folder")
        .doesNotContain("\tat ");

    JobProcess sql = JobProcess.gongkai(tmp.resolve("sql.log"), "sql", "--warehouse", warehouse.toString(),
        "SELECT * FROM rollups");
    assertThat(sql.exit()).as(sql.output()).isEqualTo(2);
    assertThat(sql.output()).contains("gongkai sql: ").contains("rollups").contains("has ")
        .contains("metrics").doesNotContain("\tat ");
  }
}
