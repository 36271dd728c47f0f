package org.gongkai.rollup;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gongkai.job.BuildInfo;
import org.gongkai.job.CheckStage;
import org.gongkai.job.JobConfig;
import org.gongkai.store.DeltaStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gongkai rollup --year Y}: the yearly job. Recomputes the cross-year checks (Y−1 → Y) and year Y's gold
 * rows, each table in one commit (replaceWhere); safe to rerun, and to run for past years.
 */
@Command(name = "rollup", mixinStandardHelpOptions = true,
    description = "Recompute a year's gold tables (agency_year, rollup) and the cross-year checks.")
public final class RollupCommand implements Callable<Integer> {

  @Option(names = "--year", description = "the report year (default: every year)")
  Integer year;

  @Option(names = "--warehouse", description = "folder or URI of the Delta tables")
  String warehouse;

  @Option(names = "--config", description = "YAML configuration (default: conf/gongkai.yaml when present)")
  Path config;

  @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[*]")
  String master;

  @Override
  public Integer call() throws Exception {
    JobConfig cfg = JobConfig.resolve(config).withWarehouse(warehouse);
    try (SparkSession spark = cfg.session("gongkai-rollup", master, java.util.Map.of())) {
      DeltaStore store = new DeltaStore(spark);
      if (!store.exists(cfg.tablePath(JobConfig.REPORTS))) {
        System.err.println("gongkai rollup: no reports table under " + cfg.warehouse() + ": run the job first");
        return 2;
      }
      String runId = "rollup-" + (year == null ? "all" : year);
      java.util.Set<Integer> years = year == null ? null : java.util.Set.of(year);
      CheckStage.crossReport(spark, store, cfg, runId, BuildInfo.parserVersion(), years);
      Rollups.standard().build(spark, store, cfg, years);
      System.out.println("gongkai rollup: " + (year == null ? "every year" : "year " + year) + " rebuilt in "
          + cfg.warehouse() + "/" + Rollups.ROLLUP + " and " + cfg.warehouse() + "/" + Rollups.AGENCY_YEAR);
    }
    return 0;
  }
}
