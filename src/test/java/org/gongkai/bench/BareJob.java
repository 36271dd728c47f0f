package org.gongkai.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.gongkai.job.JobConfig;
import org.gongkai.store.DeltaStore;
import org.gongkai.store.Tables;

/**
 * The floor the full job is measured against ({@code jobs/bench.sh job N}): a Spark job with the same session
 * settings that reads the same files and writes as many rows to Delta, one {@code reports} row and 200
 * {@code metrics} rows per file (the metrics table's columns, types, partitioning and properties), without
 * parsing: each file's content is only hashed, as the job hashes it for its report id.
 *
 * <pre>java -cp … org.gongkai.bench.BareJob INPUT WAREHOUSE</pre>
 */
public final class BareJob {

  private BareJob() {
  }

  public static void main(String[] args) throws Exception {
    // the job's configuration (conf/gongkai.yaml when present), so the session has the job's Spark settings
    JobConfig cfg = JobConfig.resolve(null).withInput(args[0]).withWarehouse(args[1]);
    long start = System.nanoTime();
    try (SparkSession spark = cfg.session("gongkai-bare", "local[*]", Map.of())) {
      Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(args[0])
          .select(col("path"), col("length"), col("modificationTime"),
              sha2(col("content"), 256).as("report_id"))
          // a year per file, spread over the template's years as a corpus's are
          .withColumn("year", expr("2019 + pmod(hash(report_id), 7)"))
          .persist(StorageLevel.MEMORY_AND_DISK());
      files.write().format("delta").mode("overwrite").partitionBy("year").save(args[1] + "/reports");
      Dataset<Row> cells = files.select(col("report_id"), col("year"), explode(expr("sequence(0, 199)")).as("i"))
          .select(col("report_id"), col("year"),
              concat(lit("t3.row_"), expr("cast(i div 7 AS STRING)"), lit(".col_"), expr("cast(i % 7 AS STRING)"))
                  .as("metric_key"),
              expr("CAST(i AS DECIMAL(18,4))").as("value"), lit("value").as("status"),
              expr("cast(i AS STRING)").as("raw_text"), lit("（一）行政许可").as("row_label"),
              lit("label").as("row_basis"), lit("自然人").as("column_label"), expr("i % 7").as("column_index"),
              expr("CAST(40 + i div 7 AS INT)").as("source_line"), lit("html").as("layout"));
      if (!cells.schema().fieldNames()[0].equals(Tables.METRICS_COLUMNS.get(0))) {
        throw new IllegalStateException("the bare rows lost the metrics table's columns");
      }
      // created first, as the job creates it: with the metrics table's properties
      new DeltaStore(spark).createIfMissing(cells.schema(), args[1] + "/metrics", java.util.List.of("year"),
          Tables.METRICS_PROPERTIES);
      cells.write().format("delta").mode("append").save(args[1] + "/metrics");
      long n = files.count();
      System.out.printf("bare job: %d files, %d reports rows, %d metrics rows in %.1f s%n", n, n, n * 200,
          (System.nanoTime() - start) / 1e9);
    }
  }
}
