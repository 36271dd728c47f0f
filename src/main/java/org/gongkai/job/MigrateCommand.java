package org.gongkai.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.gongkai.parse.Cell;
import org.gongkai.store.Repair;
import org.gongkai.store.RunLog;
import org.gongkai.store.RunRecord;
import org.gongkai.store.Tables;
import org.gongkai.store.Views;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code gongkai migrate}: rewrites a warehouse of the first contract once. Its metrics table carried each
 * report's columns (agency, format, source path, run id …) in every one of the report's cells and stored values
 * as DECIMAL(20,4); it keeps cell-level columns only and DECIMAL(18,4), stored as a long. A value the narrower
 * type cannot hold (more than 14 integer digits, which no report has) becomes an invalid cell, as the parser
 * records such a number now, its printed text kept. One commit, under the warehouse's lease; the previous version
 * stays for time travel. Keys stored twice are removed first, and checks and gold tables rebuilt after.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Rewrite a warehouse of an older gongkai to the current table contract (once).")
public final class MigrateCommand implements Callable<Integer> {

  @Mixin
  WarehouseOptions options = new WarehouseOptions();

  @Override
  public Integer call() throws Exception {
    JobConfig cfg = options.config();
    try (SparkSession spark = cfg.session("gongkai-migrate", options.master(), JobConfig.LOCAL_TOOL)) {
      System.out.print(migrate(spark, cfg));
    }
    return 0;
  }

  /** Migrates the warehouse and says what was done. */
  public static String migrate(SparkSession spark, JobConfig cfg) throws org.gongkai.store.WarehouseBusyException {
    return Warehouse.leasedCommand(spark, cfg, "migrate", (store, log) -> {
      StringBuilder out = new StringBuilder("gongkai migrate of " + cfg.warehouse() + "\n");
      RunLog.Recovery left = log.recovery();
      if (!Warehouse.firstContract(store, cfg)) {
        Views.writeCatalog(spark, store, cfg.warehouse());
        out.append("  metrics already has the current contract: nothing to migrate\n");
        // this run's success ends what unfinished runs left: it is done here, not lost
        if (!left.none() && store.exists(cfg.tablePath(JobConfig.REPORTS))) {
          Warehouse.rebuild(spark, store, cfg, log, left.years(), left.prune());
          out.append("  what runs " + left.runs() + " left unfinished redone: checks and rollups of "
              + (left.years() == null ? "every year" : "years " + left.years()) + (left.prune() ? ", pruning" : "")
              + "\n");
        }
        log.finish(RunRecord.SUCCEEDED, null);
        return out.toString();
      }
      // planned first: a migrate killed after this has its checks and rollups redone by the next run or migrate
      log.update(r -> r.withPlan(null, left.prune(), left.runs()));
      // the first contract's keys may be held twice (runs before the lease): each once before the rewrite
      Repair.dedupe(spark, store, cfg).forEach((table, n) -> {
        if (n > 0) {
          out.append(String.format("  %-12s %s rows of keys stored twice removed%n", table, n));
        }
      });
      String path = cfg.tablePath(JobConfig.METRICS);
      Dataset<Row> old = store.read(path);
      String narrow = "DECIMAL(" + Cell.VALUE_PRECISION + "," + Cell.VALUE_SCALE + ")";
      // kept: the table it is read from is overwritten
      Dataset<Row> slim = old
          .withColumn("status", expr("CASE WHEN value IS NOT NULL AND try_cast(value AS " + narrow + ") IS NULL "
              + "THEN 'invalid' ELSE status END"))
          .withColumn("value", expr("try_cast(value AS " + narrow + ")"))
          .select(Tables.METRICS_COLUMNS.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new))
          .localCheckpoint(true, StorageLevel.MEMORY_AND_DISK());
      long cells = slim.count();
      long narrowed = old.where(expr("value IS NOT NULL AND try_cast(value AS " + narrow + ") IS NULL")).count();
      // the catalog before the rewrite: a run after a kill past the rewrite sees the current contract and would
      // not write it, leaving metrics_enriched unregistered until a run parses something
      Views.writeCatalog(spark, store, cfg.warehouse());
      // the properties first: the rewrite's file statistics follow them, and a kill between the two commits
      // leaves a first-contract table that the next migrate finishes
      Tables.METRICS_PROPERTIES.forEach((k, v) -> spark.sql("ALTER TABLE delta.`" + store.qualified(path)
          .replace("`", "``") + "` SET TBLPROPERTIES ('" + k + "' = '" + v + "')"));
      FaultPoint.reach("migrate-before-rewrite");
      slim.write().format("delta").mode("overwrite").option("overwriteSchema", "true").partitionBy("year")
          .option("userMetadata", "gongkai migrate").save(path);
      FaultPoint.reach("migrate-after-rewrite");
      out.append(String.format("  %-12s %d cells rewritten with cell-level columns and %s values%s%n",
          JobConfig.METRICS, cells, narrow, narrowed == 0 ? "" : "; " + narrowed + " values too large for it "
              + "are invalid cells now (their text kept)"));
      out.append("  metric_catalog written; view metrics_enriched joins metrics, reports and metric_catalog\n");
      if (store.exists(cfg.tablePath(JobConfig.REPORTS))) {
        Warehouse.rebuild(spark, store, cfg, log, null, left.prune());
        out.append("  cross-report checks, agency_year and rollup rebuilt for every year"
            + (left.prune() ? "; reports of files no longer parsed pruned, as unfinished runs planned" : "") + "\n");
      }
      log.finish(RunRecord.SUCCEEDED, null);
      return out.toString();
    });
  }
}
