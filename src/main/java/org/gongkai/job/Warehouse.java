package org.gongkai.job;

import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.gongkai.store.DeltaStore;
import org.gongkai.store.RunLog;
import org.gongkai.store.RunRecord;
import org.gongkai.store.WarehouseBusyException;

/**
 * What every command that writes the warehouse does around its work: the warehouse is checked, claimed (one
 * writer at a time, {@link RunLog}), and the run's row ends as succeeded or failed with the error's message.
 */
public final class Warehouse {

  private Warehouse() {
  }

  /** The work done under the claim; it ends its run's row itself when it succeeds. */
  @FunctionalInterface
  public interface Work<T> {
    T run(RunLog log);
  }

  /**
   * A maintenance command ({@code repair}, {@code migrate}) under the lease: the warehouse checked, a run of its
   * own claimed (id {@code command-<start time>}), the work given the store and the claim.
   */
  static <T> T leasedCommand(SparkSession spark, JobConfig cfg, String command,
                             java.util.function.BiFunction<DeltaStore, RunLog, T> work)
      throws WarehouseBusyException {
    cfg.applyTo(spark);
    check(spark, cfg);
    DeltaStore store = new DeltaStore(spark);
    java.sql.Timestamp started = java.sql.Timestamp.from(java.time.Instant.now());
    RunRecord claim = RunLog.claimOf(command + "-" + GongkaiJob.runId(started), command, started, null,
        cfg.warehouse(), false, BuildInfo.parserVersion());
    return leased(spark, store, cfg, claim, log -> work.apply(store, log));
  }

  /**
   * The stages after the writes, as a run under the lease does them: the plan recorded first (so a kill here is
   * redone by the next run), the reports and metrics of files no longer parsed pruned when asked, then the
   * cross-report checks and gold tables of {@code years} (null: every year). Each stage is recorded when done, in
   * a write of its own (these commands are rare; {@code gongkai run} records its stages with its finish).
   */
  public static void rebuild(SparkSession spark, DeltaStore store, JobConfig cfg, RunLog log,
                             java.util.Set<Integer> years, boolean prune) {
    log.update(r -> r.withPlan(years, prune, log.recovery().runs()).withStage("store"));
    if (prune) {
      GongkaiJob.prune(spark, store, cfg);
    }
    log.stageDone("prune");
    RunRecord run = log.record();
    CheckStage.crossReport(spark, store, cfg, run.runId(), run.parserVersion(), years);
    log.stageDone("checks");
    org.gongkai.rollup.Rollups.standard().build(spark, store, cfg, years);
    log.stageDone("rollups");
  }

  /**
   * Runs {@code work} holding the warehouse.
   *
   * @throws WarehouseBusyException when another run holds it
   */
  public static <T> T leased(SparkSession spark, DeltaStore store, JobConfig cfg, RunRecord claim, Work<T> work)
      throws WarehouseBusyException {
    try (RunLog log = RunLog.claim(spark, store, cfg.tablePath(JobConfig.RUNS), claim, cfg.staleAfter())) {
      FaultPoint.reach("claimed");
      try {
        return work.run(log);
      } catch (RuntimeException | Error e) {
        try {
          log.finish(RunRecord.FAILED, UserErrors.message(e));
        } catch (RuntimeException notRecorded) {
          e.addSuppressed(notRecorded);
        }
        throw e;
      }
    }
  }

  /** The warehouse must be a folder (or not exist yet): a file there is refused before anything starts. */
  public static void check(SparkSession spark, JobConfig cfg) {
    Path warehouse = new Path(cfg.warehouse());
    try {
      FileSystem fs = warehouse.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus status = fs.exists(warehouse) ? fs.getFileStatus(warehouse) : null;
      if (status != null && !status.isDirectory()) {
        throw new IllegalArgumentException("the warehouse " + cfg.warehouse() + " is a file, not a folder: give "
            + "--warehouse a folder (or a URI) for the Delta tables");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot reach the warehouse " + cfg.warehouse() + ": " + e.getMessage(), e);
    }
  }

  /** A column only the metrics table of the first contract has (report columns in each of a report's cells). */
  static final String FIRST_CONTRACT_COLUMN = "source_path";

  /**
   * Refuses a warehouse whose metrics table still has the first contract: this version's rows would leave its
   * report columns null. {@code gongkai migrate} rewrites it once.
   */
  public static void requireCurrentContract(org.gongkai.store.DeltaStore store, JobConfig cfg) {
    if (firstContract(store, cfg)) {
      throw new IllegalArgumentException("the warehouse " + cfg.warehouse() + " has the metrics table of an older "
          + "gongkai (report columns in every cell): run `gongkai migrate --warehouse " + cfg.warehouse()
          + "` once, then run again");
    }
  }

  /** Whether the metrics table exists and has the first contract's columns. */
  public static boolean firstContract(org.gongkai.store.DeltaStore store, JobConfig cfg) {
    String path = cfg.tablePath(JobConfig.METRICS);
    return store.exists(path)
        && java.util.Arrays.asList(store.read(path).columns()).contains(FIRST_CONTRACT_COLUMN);
  }
}
