package org.gongkai.rollup;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gongkai.job.BuildInfo;
import org.gongkai.job.GongkaiJob;
import org.gongkai.job.JobConfig;
import org.gongkai.job.Warehouse;
import org.gongkai.store.DeltaStore;
import org.gongkai.store.RunLog;
import org.gongkai.store.RunRecord;
import picocli.CommandLine.Command;
import org.gongkai.job.WarehouseOptions;
import picocli.CommandLine.Mixin;
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

  @Mixin
  WarehouseOptions options = new WarehouseOptions();

  @Override
  public Integer call() throws Exception {
    JobConfig cfg = options.config();
    try (SparkSession spark = cfg.session("gongkai-rollup", options.master(), java.util.Map.of())) {
      cfg.applyTo(spark);
      DeltaStore store = new DeltaStore(spark);
      if (!store.exists(cfg.tablePath(JobConfig.REPORTS))) {
        throw new IllegalArgumentException("no reports table under " + cfg.warehouse() + ": run the job first");
      }
      Timestamp started = Timestamp.from(Instant.now());
      String runId = "rollup-" + (year == null ? "all" : year) + "-"
          + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started.toInstant())
          // unique: two rollups of a year started in the same second are two claims (the lease tells them apart by id)
          + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
      RunRecord claim = RunLog.claimOf(runId, "rollup", started, null, cfg.warehouse(), false,
          BuildInfo.parserVersion());
      Set<Integer> asked = year == null ? null : Set.of(year);
      Set<Integer> years = Warehouse.leased(spark, store, cfg, claim, log -> {
        // what an unfinished run left is redone with the asked year
        Set<Integer> plan = GongkaiJob.union(asked, log.recovery().years());
        Warehouse.rebuild(spark, store, cfg, log, plan, log.recovery().prune());
        log.finish(RunRecord.SUCCEEDED, null);
        return plan;
      });
      System.out.println("gongkai rollup: " + (years == null ? "every year" : "years " + years) + " rebuilt in "
          + cfg.warehouse() + "/" + Rollups.ROLLUP + " and " + cfg.warehouse() + "/" + Rollups.AGENCY_YEAR);
    }
    return 0;
  }
}
