package org.gongkai.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.gongkai.job.JobConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a warehouse an older gongkai wrote hold each key once. Two runs at once, before the lease, left keys twice
 * (files, reports, metrics …): of each key's rows the one of the newest succeeded run is kept (then of the newest
 * run). Each table with duplicates is rewritten in one commit, a partitioned table only in the year partitions
 * its duplicates are in; the previous version stays for time travel.
 */
public final class Repair {

  private static final Logger LOG = LoggerFactory.getLogger(Repair.class);

  private Repair() {
  }

  /** Removes duplicate keys from every silver table; the number of rows removed per table. */
  public static Map<String, Long> dedupe(SparkSession spark, DeltaStore store, JobConfig cfg) {
    Dataset<Row> runs = store.read(cfg.tablePath(JobConfig.RUNS));
    Dataset<Row> ranks = runs == null ? null : runs.select(col("run_id").as("_repair_run"),
        col("status").equalTo(RunRecord.SUCCEEDED).as("_repair_succeeded"), col("started_at").as("_repair_started"));
    Map<String, Long> removed = new LinkedHashMap<>();
    for (Tables.Keyed t : Tables.KEYED) {
      String path = cfg.tablePath(t.table());
      if (!store.exists(path)) {
        continue;
      }
      long n = dedupe(spark, path, t, t.table().equals(JobConfig.RUNS) ? null : ranks);
      removed.put(t.table(), n);
      if (n > 0) {
        LOG.warn("{}: {} rows of keys held more than once removed", t.table(), n);
      }
    }
    return removed;
  }

  private static long dedupe(SparkSession spark, String path, Tables.Keyed t, Dataset<Row> ranks) {
    Dataset<Row> table = spark.read().format("delta").load(path);
    Column[] keys = t.keys().stream().map(table::col).toArray(Column[]::new);
    Dataset<Row> twice = table.groupBy(keys).count().where(col("count").gt(1)).drop("count");
    if (twice.isEmpty()) {
      return 0;
    }
    String where = null;
    Dataset<Row> scope = table;
    if (!t.partitionBy().isEmpty()) {
      String part = t.partitionBy().get(0);
      TreeSet<Integer> values = new TreeSet<>();
      boolean withNull = false;
      for (Row r : table.join(twice, seq(t.keys()), "left_semi").select(part).distinct().collectAsList()) {
        if (r.isNullAt(0)) {
          withNull = true;
        } else {
          values.add(r.getInt(0));
        }
      }
      List<String> terms = new ArrayList<>();
      if (!values.isEmpty()) {
        terms.add(part + " IN (" + values.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
      }
      if (withNull) {
        terms.add(part + " IS NULL");
      }
      where = String.join(" OR ", terms);
      scope = table.where(where);
    }
    // the newest succeeded run's row first, then the newest run's (a run id starts with its start time). The
    // metrics carry no run id since the table was slimmed: their rows of a key are the same report's cell, and
    // writes have been serial (leased) since before then, so any one is kept
    boolean hasRun = Arrays.asList(table.columns()).contains("run_id");
    if (!hasRun) {
      scope = scope.withColumn("run_id", lit(null).cast("string"));
    }
    Dataset<Row> ranked = ranks == null || !hasRun
        ? scope.withColumn("_repair_succeeded", lit(null).cast("boolean"))
            .withColumn("_repair_started", col(Arrays.asList(table.columns()).contains("ended_at")
                ? "ended_at" : "run_id"))
        : scope.join(ranks, scope.col("run_id").equalTo(ranks.col("_repair_run")), "left").drop("_repair_run");
    Dataset<Row> kept = ranked
        .withColumn("_repair_rank", row_number().over(Window.partitionBy(t.keys().stream().map(Repair::named)
            .toArray(Column[]::new)).orderBy(col("_repair_succeeded").desc_nulls_last(),
            col("_repair_started").desc_nulls_last(), col("run_id").desc_nulls_last())))
        .where(col("_repair_rank").equalTo(1))
        .drop("_repair_rank", "_repair_succeeded", "_repair_started")
        .select(Arrays.stream(table.columns()).map(Repair::named).toArray(Column[]::new))
        // computed before the table it is read from is overwritten
        .localCheckpoint(true, StorageLevel.MEMORY_AND_DISK());
    long before = scope.count();
    long after = kept.count();
    var writer = kept.write().format("delta").mode("overwrite").option("userMetadata", "gongkai repair");
    if (where != null) {
      writer = writer.option("replaceWhere", where);
    }
    writer.save(path);
    return before - after;
  }

  private static Column named(String c) {
    return col("`" + c + "`");
  }

  private static scala.collection.immutable.Seq<String> seq(List<String> keys) {
    return scala.jdk.javaapi.CollectionConverters.asScala(keys).toList();
  }
}
