package org.gongkai.job;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.gongkai.ingest.Ingest;
import org.gongkai.ingest.Manifest;
import org.gongkai.rollup.Rollups;
import org.gongkai.store.DeltaStore;
import org.gongkai.store.Repair;
import org.gongkai.store.RunLog;
import org.gongkai.store.RunRecord;
import org.gongkai.store.Tables;
import org.gongkai.store.WarehouseBusyException;

/**
 * The batch job: ingest the report files, parse them on the executors, store the Delta tables. Reads top to
 * bottom like the pipeline; the logic lives in the named steps it calls.
 */
public final class GongkaiJob {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GongkaiJob.class);

  private GongkaiJob() {
  }

  /**
   * Entry point for spark-submit: the options of {@code gongkai run}, or a subcommand first ({@code run},
   * {@code rollup --year Y}, {@code sql}, {@code repair}).
   */
  public static void main(String[] args) {
    boolean subcommand = args.length > 0 && !args[0].startsWith("-");
    String[] command = args;
    if (!subcommand) {
      command = new String[args.length + 1];
      command[0] = "run";
      System.arraycopy(args, 0, command, 1, args.length);
    }
    int exit = org.gongkai.cli.Gongkai.commandLine().execute(command);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * One run: claims the warehouse (refused while another run holds it), then ingest → parse → store → check →
   * roll up, its plan and finished stages recorded in the runs table. Work an unfinished earlier run left is done
   * too.
   *
   * @throws WarehouseBusyException when another run holds the warehouse; nothing was read or written
   */
  public static RunSummary run(SparkSession spark, JobConfig cfg, boolean reprocess) throws WarehouseBusyException {
    return run(spark, cfg, reprocess, false);
  }

  /**
   * One run, as {@link #run(SparkSession, JobConfig, boolean)}; with {@code recheckAll} the cross-report checks
   * and gold tables of every year are recomputed, not only those of the years the new reports touch (the
   * scheduled full recheck: it must leave the tables as they are when the incremental runs were right).
   */
  public static RunSummary run(SparkSession spark, JobConfig cfg, boolean reprocess, boolean recheckAll)
      throws WarehouseBusyException {
    Timestamp started = Timestamp.from(Instant.now());
    String runId = runId(started);
    String version = BuildInfo.parserVersion();
    cfg.applyTo(spark);
    DeltaStore store = new DeltaStore(spark);
    Warehouse.check(spark, cfg);
    Warehouse.requireCurrentContract(store, cfg);
    RunRecord claim = RunLog.claimOf(runId, "run", started, cfg.input(), cfg.warehouse(), reprocess, version);
    return Warehouse.leased(spark, store, cfg, claim, log -> {
      RunSummary summary = run(spark, store, cfg, reprocess, recheckAll, log);
      log.finish(summary.accountedFor() ? RunRecord.SUCCEEDED : RunRecord.FAILED,
          summary.accountedFor() ? null : "files seen != parsed + quarantined + skipped");
      return summary;
    });
  }

  private static RunSummary run(SparkSession spark, DeltaStore store, JobConfig cfg, boolean reprocess,
                                boolean recheckAll, RunLog log) {
    RunRecord claim = log.record();
    String runId = claim.runId();
    String version = claim.parserVersion();
    Timestamp started = claim.startedAt();
    // a warehouse an older gongkai wrote may hold keys twice (two runs at once, before the lease): made right
    // first, and then every year is checked and rolled up again
    boolean repaired = log.legacy() && Repair.dedupe(spark, store, cfg).values().stream().anyMatch(n -> n > 0);
    RunLog.Recovery recovery = log.recovery();
    if (!recovery.none()) {
      LOG.warn("{}: redoing what runs {} left unfinished: checks and rollups of {}{}", runId, recovery.runs(),
          recovery.years() == null ? "every year" : recovery.years(), recovery.prune() ? ", pruning" : "");
    }
    LOG.info("{}: warehouse claimed ({} ms)", runId, since(started));
    Dataset<Row> filesTable = store.snapshot(cfg.tablePath(JobConfig.FILES));

    // ingest: list everything, keep what is new or changed since the last run, and what failed for a reason
    // that may pass
    Dataset<Row> listed = Ingest.list(spark, cfg.input()).persist(StorageLevel.MEMORY_AND_DISK());
    LOG.info("{}: input listed ({} ms)", runId, since(started));
    Dataset<Row> known = reprocess ? null : filesTable;
    Dataset<Row> fresh = Ingest.unseen(listed, known, cfg.transientRetries()).persist(StorageLevel.MEMORY_AND_DISK());
    // the listing splits into these and the files ingested before as they are now (skipped)
    long freshCount = fresh.count();
    long seen = listed.count();
    long skipped = seen - freshCount;
    // parse on the executors, once, with the manifest's fields as hints, and account for every file before
    // anything is written. Nothing new or changed (the scheduled rerun of a corpus already ingested): no job
    Parsed batch = freshCount == 0 ? Parsed.NONE : parse(spark, cfg, fresh, filesTable, reprocess, runId, started);
    fresh.unpersist();
    listed.unpersist();
    Dataset<Row> withCells = batch.withCells();
    Dataset<Row> parsed = batch.parsed();
    long parsedCount = batch.parsedCount();
    long quarantined = batch.quarantined();
    boolean changedPaths = batch.changedPaths();

    LOG.info("{}: {} files seen, {} parsed, {} quarantined, {} skipped ({} ms)", runId, seen, parsedCount,
        quarantined, skipped, since(started));

    // the plan, recorded before anything is written: the years whose checks and rollups this run redoes (those
    // its reports can change: their own and the next, which compares with them; every year on a first run, a
    // reprocess, a repair, --recheck-all, or when a file changed, since a changed file now quarantined dropped its report), with
    // those an unfinished run left. A run stopped after this is redone by the next from this row.
    Set<Integer> years = repaired || recheckAll ? null
        : parsedCount == 0 && !changedPaths ? Set.of()
        : filesTable == null || reprocess || changedPaths ? null : touchedYears(parsed);
    years = union(years, recovery.years());
    boolean prune = changedPaths || recovery.prune();
    Set<Integer> plan = years;
    UnaryOperator<RunRecord> planned = r -> r.withCounts(seen, parsedCount, quarantined, skipped)
        .withPlan(plan, prune, recovery.runs());
    if (parsedCount + quarantined == 0 && plan != null && plan.isEmpty() && !prune) {
      // nothing to write, check or roll up: the plan goes out with the finish (a run stopped before it wrote
      // nothing, and a row without a plan leaves the next run nothing to redo)
      log.changeWithNextWrite(planned);
    } else {
      log.update(planned);
    }

    // store
    if (parsedCount + quarantined > 0) {
      Timestamp now = Timestamp.from(Instant.now());
      // the year partitions of reports and metrics this run can touch, found before the reports are rewritten
      String partitions = parsedCount == 0 ? "false" : yearPartitions(parsed, store.read(
          cfg.tablePath(JobConfig.REPORTS)));
      // metrics before reports, files last. The reports table tells a later run which year partitions to merge,
      // so it is written after the metrics: a run failing in between still finds a re-parsed report's metrics in
      // its former year. The files table marks files as ingested, so a run that fails before it has its files
      // parsed again by the next run (every write is keyed: new keys are appended, stored keys merged, so
      // repeating a write changes nothing). Each table's rows of the reports parsed are replaced. The anomalies
      // and the quarantine are written beside metrics and reports: each write is a string of small Spark jobs and
      // one Delta commit, and one alone leaves the cores idle between its jobs
      Dataset<Row> parsedReports = parsed.where(col("outcome").equalTo(ParseStage.PARSED)).select("report_id")
          .distinct();
      boolean quarantineChanges = quarantined > 0 || reprocess || changedPaths
          || !store.exists(cfg.tablePath(JobConfig.QUARANTINE));
      Concurrently.run(() -> {
        Dataset<Row> metrics = Tables.metrics(withCells);
        store.createIfMissing(metrics.schema(), cfg.tablePath(JobConfig.METRICS), List.of("year"),
            Tables.METRICS_PROPERTIES);
        store.replaceGroups(metrics, parsedReports, cfg.tablePath(JobConfig.METRICS), "report_id",
            List.of("report_id", "metric_key"), List.of("year"), partitions);
        org.gongkai.store.Views.writeCatalog(spark, store, cfg.warehouse());
        LOG.info("{}: metrics written ({} ms)", runId, since(started));
        FaultPoint.reach("after-metrics");
        store.upsert(Tables.reports(parsed, runId, version, now), cfg.tablePath(JobConfig.REPORTS),
            List.of("report_id"), List.of("year"), partitions);
        LOG.info("{}: reports written ({} ms)", runId, since(started));
      }, () -> {
        // a report parsed again loses the anomalies it no longer has
        store.replaceGroups(Tables.anomalies(parsed, runId, version), parsedReports,
            cfg.tablePath(JobConfig.ANOMALIES), "report_id", List.of("report_id", "anomaly_id"), List.of());
        LOG.info("{}: anomalies written ({} ms)", runId, since(started));
      }, () -> {
        // a run of new files none of which failed has nothing to add to the quarantine nor to clear from it
        if (quarantineChanges) {
          store.merge(Tables.quarantine(parsed, runId, version, now), cfg.tablePath(JobConfig.QUARANTINE),
              List.of("path"), List.of());
          LOG.info("{}: quarantine written ({} ms)", runId, since(started));
        }
      });
      store.upsert(Tables.files(parsed, runId, version, now), cfg.tablePath(JobConfig.FILES), List.of("path"),
          List.of());
      LOG.info("{}: files written ({} ms)", runId, since(started));
    }
    FaultPoint.reach("after-files");
    if (prune) {
      // a file whose content changed replaced its report: drop reports no file points to any more
      prune(spark, store, cfg);
    }
    // the stages are recorded with the run's next write of its row (the finish, or a heartbeat before it), not
    // each in a commit of its own (a Delta MERGE of a couple of seconds each): a run stopped before that is redone
    // from its plan by the next (the writes are keyed, the prune and the checks and rollups replacements: each
    // done twice changes nothing)
    log.stageDoneWithNextWrite("store");
    if (prune) {
      log.stageDoneWithNextWrite("prune");
    }
    // check across reports and years, then roll up: the planned years only
    if (years == null || !years.isEmpty()) {
      CheckStage.crossReport(spark, store, cfg, runId, version, years);
      LOG.info("{}: cross-report checks written for {} ({} ms)", runId, years == null ? "every year" : years,
          since(started));
      log.stageDoneWithNextWrite("checks");
      Rollups.standard().build(spark, store, cfg, years);
      LOG.info("{}: rollups written ({} ms)", runId, since(started));
      log.stageDoneWithNextWrite("rollups");
    }
    List<String> sample = quarantined == 0 ? List.of() : parsed.where(col("outcome").equalTo(ParseStage.QUARANTINED))
        .select(concat(col("path"), lit(": "), col("reason"))).as(org.apache.spark.sql.Encoders.STRING())
        .takeAsList(20);
    return new RunSummary(runId, started, Timestamp.from(Instant.now()), cfg.input(), cfg.warehouse(), reprocess,
        seen, parsedCount, quarantined, skipped, sample, version,
        parsedCount == 0 ? List.of() : quality(parsed), plan);
  }

  /**
   * The files of a run parsed and accounted for: the rows with their cells (for the metrics), every file's row
   * without them (the other tables), the outcomes' counts, and whether a file at a known path changed.
   */
  private record Parsed(Dataset<Row> withCells, Dataset<Row> parsed, long parsedCount, long quarantined,
                        boolean changedPaths) {
    static final Parsed NONE = new Parsed(null, null, 0, 0, false);
  }

  /** Parses the new and changed files on the executors and counts their outcomes. */
  private static Parsed parse(SparkSession spark, JobConfig cfg, Dataset<Row> fresh, Dataset<Row> filesTable,
                              boolean reprocess, String runId, Timestamp started) {
    // checkpointed: the rows no longer depend on the tables this run changes
    Dataset<Row> manifest = cfg.manifest() == null ? null : Manifest.read(spark, cfg.manifest(), cfg.input());
    Dataset<Row> fromContent = withSmallGeneratedFunctions(spark, () -> ParseStage.parse(Manifest.attach(
        Ingest.content(spark, fresh, cfg.maxFileBytes()), manifest), cfg.parseTimeoutMs(), cfg.documents())
        .localCheckpoint(true, StorageLevel.DISK_ONLY()));
    // every file's row without its cells (a few hundred bytes instead of tens of kilobytes): the accounting and
    // every table but metrics read this, so the cells (kept on disk, not in the heap) are read back once more
    // only, for the metrics
    // as many partitions as task slots from here on: the parse ran in small tasks (a slow file holds up few
    // others), but each write task makes a file per year partition, and thousands of small files slow every read
    int slots = spark.sparkContext().defaultParallelism();
    Dataset<Row> withCells = fromContent.coalesce(slots);
    Dataset<Row> summaries = Tables.withoutCells(fromContent).coalesce(slots).localCheckpoint();
    LOG.info("{}: new and changed files parsed ({} ms)", runId, since(started));
    Dataset<Row> parsed = attempts(summaries.unionByName(
        Tables.withoutCells(ParseStage.unread(fresh, summaries, cfg.maxFileBytes())).localCheckpoint()),
        reprocess ? null : Ingest.retried(filesTable, cfg.transientRetries()));
    Map<String, Long> outcomes = new HashMap<>();
    parsed.groupBy("outcome").count().collectAsList().forEach(r -> outcomes.put(r.getString(0), r.getLong(1)));
    boolean changedPaths = filesTable != null && !fresh.join(filesTable.select("path"), "path").isEmpty();
    return new Parsed(withCells, parsed, outcomes.getOrDefault(ParseStage.PARSED, 0L),
        outcomes.getOrDefault(ParseStage.QUARANTINED, 0L), changedPaths);
  }

  /** The parse quality of this run's parsed files, per layout (from the rows without cells: one small job). */
  private static List<RunSummary.LayoutQuality> quality(Dataset<Row> parsed) {
    return parsed.where(col("outcome").equalTo(ParseStage.PARSED))
        .groupBy(coalesce(col("layout"), lit("unknown")).as("layout"))
        .agg(count(lit(1)), sum(col("cells_value").plus(col("cells_blank")).plus(col("cells_invalid"))),
            sum(col("cells_value").plus(col("cells_blank")).plus(col("cells_invalid")).plus(col("cells_missing"))),
            sum(when(size(col("rows_missing")).gt(0), 1).otherwise(0)))
        .orderBy("layout").collectAsList().stream()
        .map(r -> new RunSummary.LayoutQuality(r.getString(0), r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2),
            r.isNullAt(3) ? 0 : r.getLong(3), r.isNullAt(4) ? 0 : r.getLong(4)))
        .toList();
  }

  /** Drops the reports and metrics no parsed file points to any more. */
  public static void prune(SparkSession spark, DeltaStore store, JobConfig cfg) {
    if (!store.exists(cfg.tablePath(JobConfig.FILES))) {
      return;
    }
    Dataset<Row> live = spark.read().format("delta").load(cfg.tablePath(JobConfig.FILES))
        .where(col("outcome").equalTo(ParseStage.PARSED));
    store.deleteNotIn(cfg.tablePath(JobConfig.REPORTS), live, "report_id");
    store.deleteNotIn(cfg.tablePath(JobConfig.METRICS), live, "report_id");
  }

  /**
   * Each file's attempt: one more than the files table records for a file tried again (the same path, size and
   * modification time), else 1.
   */
  private static Dataset<Row> attempts(Dataset<Row> parsed, Dataset<Row> retried) {
    if (retried == null) {
      return parsed.withColumn("attempts", lit(1));
    }
    Dataset<Row> prior = retried.select(col("path").as("r_path"), col("size").as("r_size"),
        col("modification_time").as("r_mtime"), coalesce(col("attempts"), lit(1)).as("r_attempts"));
    return parsed.join(broadcast(prior), parsed.col("path").equalTo(prior.col("r_path"))
            .and(parsed.col("size").equalTo(prior.col("r_size")))
            .and(parsed.col("modification_time").eqNullSafe(prior.col("r_mtime"))), "left")
        .withColumn("attempts", coalesce(col("r_attempts").plus(1), lit(1)))
        .drop("r_path", "r_size", "r_mtime", "r_attempts");
  }

  /** Two sets of years to redo as one (null: every year). */
  public static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
    if (a == null || b == null) {
      return null;
    }
    Set<Integer> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * Runs an eager step with whole-stage code generation limited to functions HotSpot compiles. The parse step's
   * row encoder (a report with its 200 cells) is one generated function over HotSpot's 8,000-byte limit, which the
   * JVM never compiles: it ran in the interpreter, a fifth of the parse time at 100,000 reports. Past the limit
   * Spark runs that plan without whole-stage code generation. Only here: the rollups' wide pivot keeps it (with
   * the limit for the whole session the rollups ran a few seconds slower).
   */
  private static <T> T withSmallGeneratedFunctions(SparkSession spark, java.util.function.Supplier<T> step) {
    String key = "spark.sql.codegen.hugeMethodLimit";
    String before = spark.conf().get(key);
    spark.conf().set(key, "8000");
    try {
      return step.get();
    } finally {
      spark.conf().set(key, before);
    }
  }

  /**
   * A predicate over the target alias {@code t} naming the year partitions this run's reports are written to and
   * those where the same reports were stored before (a newer parser may read another year); a MERGE restricted
   * to them reads the rest of neither table.
   */
  private static String yearPartitions(Dataset<Row> parsed, Dataset<Row> reportsTable) {
    Dataset<Row> written = parsed.where(col("outcome").equalTo(ParseStage.PARSED)).select("report_id", "year");
    Dataset<Row> years = written.select("year");
    if (reportsTable != null) {
      years = years.union(reportsTable.join(written, reportsTable.col("report_id").equalTo(written.col("report_id")),
          "left_semi").select("year"));
    }
    Set<Integer> found = new TreeSet<>();
    boolean withoutYear = false;
    for (Row r : years.distinct().collectAsList()) {
      if (r.isNullAt(0)) {
        withoutYear = true;
      } else {
        found.add(r.getInt(0));
      }
    }
    List<String> terms = new ArrayList<>();
    if (!found.isEmpty()) {
      terms.add("t.year IN (" + found.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
    }
    if (withoutYear) {
      terms.add("t.year IS NULL");
    }
    return terms.isEmpty() ? "false" : String.join(" OR ", terms);
  }

  /** The years of the reports parsed in this run, and each next year. */
  private static Set<Integer> touchedYears(Dataset<Row> parsed) {
    Set<Integer> years = new TreeSet<>();
    for (Row r : parsed.where(col("outcome").equalTo(ParseStage.PARSED).and(col("year").isNotNull()))
        .select("year").distinct().collectAsList()) {
      years.add(r.getInt(0));
      years.add(r.getInt(0) + 1);
    }
    return years;
  }

  /** Milliseconds since the run started, for the phase log lines (jobs/bench.sh reads them). */
  private static long since(Timestamp started) {
    return System.currentTimeMillis() - started.getTime();
  }

  static String runId(Timestamp started) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started.toInstant())
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
