package org.gongkai.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gongkai.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyed writes: new keys are appended without reading the table, a write touching stored keys is a MERGE,
 * and repeating any write changes nothing (a failed run's writes are repeated by the next).
 */
class DeltaStoreTest {

  private static final StructType ROWS = new StructType()
      .add("report_id", DataTypes.StringType).add("metric_key", DataTypes.StringType)
      .add("year", DataTypes.IntegerType).add("value", DataTypes.IntegerType);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark = SparkTestSession.get();
  private final DeltaStore store = new DeltaStore(spark);

  @TempDir
  Path dir;

  @Test
  void newKeysAreAppendedAndStoredKeysMergedWithoutDuplicates() {
    String path = dir.resolve("reports").toString();
    store.upsert(rows(row("a", "k", 2024, 1)), path, List.of("report_id"), List.of("year"));
    store.upsert(rows(row("b", "k", 2024, 2)), path, List.of("report_id"), List.of("year"), "t.year IN (2024)");
    assertThat(lastOperation(path)).isEqualTo("WRITE");

    store.upsert(rows(row("b", "k", 2024, 20), row("c", "k", 2025, 3)), path, List.of("report_id"), List.of("year"),
        "t.year IN (2024, 2025)");
    assertThat(lastOperation(path)).isEqualTo("MERGE");
    // the same write again: nothing changes
    store.upsert(rows(row("b", "k", 2024, 20), row("c", "k", 2025, 3)), path, List.of("report_id"), List.of("year"),
        "t.year IN (2024, 2025)");

    assertThat(contents(path)).containsExactly("a/k/2024=1", "b/k/2024=20", "c/k/2025=3");
  }

  @Test
  void aGroupWrittenAgainLosesTheKeysItNoLongerHasAndANewGroupIsAppended() {
    String path = dir.resolve("metrics").toString();
    List<String> keys = List.of("report_id", "metric_key");
    store.replaceGroups(rows(row("a", "x", 2024, 1), row("a", "y", 2024, 2)), path, "report_id", keys,
        List.of("year"));
    store.replaceGroups(rows(row("b", "x", 2024, 5)), path, "report_id", keys, List.of("year"), "t.year IN (2024)");
    assertThat(lastOperation(path)).isEqualTo("WRITE");
    // the same new group again (a run that failed after this write): a MERGE, no duplicate rows
    store.replaceGroups(rows(row("b", "x", 2024, 5)), path, "report_id", keys, List.of("year"), "t.year IN (2024)");
    assertThat(lastOperation(path)).isEqualTo("MERGE");

    store.replaceGroups(rows(row("a", "x", 2024, 10)), path, "report_id", keys, List.of("year"), "t.year IN (2024)");

    assertThat(contents(path)).containsExactly("a/x/2024=10", "b/x/2024=5");
  }

  @Test
  void rowsFlaggedForDeletionAreNotInsertedWhenNoneOfTheKeysIsStored() {
    String path = dir.resolve("quarantine").toString();
    store.upsert(rows(row("a", "k", 2024, 1)), path, List.of("report_id"), List.of());
    Dataset<Row> source = rows(row("b", "k", 2024, 2), row("c", "k", 2024, 3))
        .withColumn(DeltaStore.DELETE_FLAG, org.apache.spark.sql.functions.expr("report_id = 'c'"));

    store.merge(source, path, List.of("report_id"), List.of());

    assertThat(lastOperation(path)).isEqualTo("WRITE");
    assertThat(contents(path)).containsExactly("a/k/2024=1", "b/k/2024=2");
  }

  @Test
  void aTableCreatedWithPropertiesKeepsStatisticsOfTheNamedColumnsOnly() throws Exception {
    String path = dir.resolve("metrics").toString();
    store.createIfMissing(ROWS, path, List.of("year"), Map.of("delta.dataSkippingStatsColumns", "value"));
    store.replaceGroups(rows(row("a", "x", 2024, 1), row("a", "y", 2024, 7)), path, "report_id",
        List.of("report_id", "metric_key"), List.of("year"));

    List<JsonNode> stats = new ArrayList<>();
    try (var logs = Files.list(dir.resolve("metrics/_delta_log"))) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".json")).toList()) {
        for (String line : Files.readAllLines(log)) {
          JsonNode add = JSON.readTree(line).path("add");
          if (!add.isMissingNode()) {
            stats.add(JSON.readTree(add.path("stats").asText()));
          }
        }
      }
    }
    assertThat(stats).isNotEmpty();
    assertThat(stats).allSatisfy(file -> {
      assertThat(file.path("minValues").fieldNames()).toIterable().containsExactly("value");
      assertThat(file.path("maxValues").fieldNames()).toIterable().containsExactly("value");
    });
    assertThat(stats.stream().mapToInt(file -> file.path("numRecords").asInt()).sum()).isEqualTo(2);
    assertThat(stats.stream().mapToInt(file -> file.path("maxValues").path("value").asInt()).max()).hasValue(7);
    assertThat(contents(path)).containsExactly("a/x/2024=1", "a/y/2024=7");
  }

  @Test
  void aTableIsCreatedUnderARelativeFolderAsTheDefaultWarehouseIs() throws Exception {
    Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("warehouse/metrics"));
    assertThat(relative.isAbsolute()).isFalse();

    store.createIfMissing(ROWS, relative.toString(), List.of("year"), Map.of("delta.dataSkippingStatsColumns", "value"));
    store.upsert(rows(row("a", "x", 2024, 1)), relative.toString(), List.of("report_id"), List.of("year"));

    assertThat(Files.isDirectory(dir.resolve("warehouse/metrics/_delta_log"))).isTrue();
    assertThat(contents(dir.resolve("warehouse/metrics").toString())).containsExactly("a/x/2024=1");
  }

  private Dataset<Row> rows(Row... rows) {
    return spark.createDataFrame(Arrays.asList(rows), ROWS);
  }

  private static Row row(String report, String metric, int year, int value) {
    return RowFactory.create(report, metric, year, value);
  }

  private String lastOperation(String path) {
    return DeltaTable.forPath(spark, path).history(1).head().getAs("operation");
  }

  private List<String> contents(String path) {
    return spark.read().format("delta").load(path).collectAsList().stream()
        .map(r -> r.getAs("report_id") + "/" + r.getAs("metric_key") + "/" + r.getAs("year") + "=" + r.getAs("value"))
        .sorted().toList();
  }
}
