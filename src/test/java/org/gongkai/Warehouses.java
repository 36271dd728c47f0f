package org.gongkai;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.gongkai.job.JobConfig;
import org.gongkai.store.Tables;

/**
 * Two warehouses compared table by table: each table's row count and an order-independent checksum of its keys and
 * values, leaving out what differs between runs by design (run ids, times, parse durations) and the runs table.
 */
public final class Warehouses {

  private Warehouses() {
  }

  /** Every Delta table under {@code warehouse} but runs: "rows/checksum". */
  public static Map<String, String> fingerprints(SparkSession spark, Path warehouse) throws java.io.IOException {
    Map<String, String> all = new TreeMap<>();
    try (var dirs = Files.list(warehouse)) {
      for (Path dir : dirs.sorted().toList()) {
        if (Files.isDirectory(dir.resolve("_delta_log")) && !dir.getFileName().toString().equals(JobConfig.RUNS)) {
          all.put(dir.getFileName().toString(), fingerprint(spark.read().format("delta").load(dir.toString())));
        }
      }
    }
    return all;
  }

  public static String fingerprint(Dataset<Row> t) {
    List<String> kept = new ArrayList<>();
    for (String c : t.columns()) {
      if (!c.equals("run_id") && !c.endsWith("_at") && !c.equals("parse_ms")) {
        kept.add("`" + c + "`");
      }
    }
    Row r = t.selectExpr("count(*)", "coalesce(sum(cast(xxhash64(" + String.join(", ", kept)
        + ") AS DECIMAL(38, 0))), 0)").head();
    return r.getLong(0) + "/" + r.getDecimal(1);
  }

  /** The keyed tables whose keys are held more than once, with the number of surplus rows. */
  public static Map<String, Long> duplicateKeys(SparkSession spark, Path warehouse) {
    Map<String, Long> dup = new TreeMap<>();
    for (Tables.Keyed k : Tables.KEYED) {
      Path dir = warehouse.resolve(k.table());
      if (!Files.isDirectory(dir.resolve("_delta_log"))) {
        continue;
      }
      Dataset<Row> t = spark.read().format("delta").load(dir.toString());
      long distinct = t.select(k.keys().stream().map(functions::col).toArray(Column[]::new)).distinct().count();
      long surplus = t.count() - distinct;
      if (surplus > 0) {
        dup.put(k.table(), surplus);
      }
    }
    return dup;
  }

  /** A copy of a warehouse folder (a Delta table's log names its files relative to the table). */
  public static Path copy(Path from, Path to) throws java.io.IOException {
    try (var all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}
