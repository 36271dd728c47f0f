package org.gongkai.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

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
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.gongkai.ingest.Ingest;
import org.gongkai.ingest.Manifest;
import org.gongkai.rollup.Rollups;
import org.gongkai.store.DeltaStore;
import org.gongkai.store.Tables;
import picocli.CommandLine;

/**
 * The batch job: ingest the report files, parse them on the executors, store the Delta tables. Reads top to
 * bottom like the pipeline; the logic lives in the named steps it calls.
 */
public final class GongkaiJob {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GongkaiJob.class);

  static final StructType RUNS = new StructType()
      .add("run_id", DataTypes.StringType)
      .add("started_at", DataTypes.TimestampType)
      .add("ended_at", DataTypes.TimestampType)
      .add("input_uri", DataTypes.StringType)
      .add("warehouse", DataTypes.StringType)
      .add("reprocess", DataTypes.BooleanType)
      .add("files_seen", DataTypes.LongType)
      .add("parsed", DataTypes.LongType)
      .add("quarantined", DataTypes.LongType)
      .add("skipped", DataTypes.LongType)
      .add("status", DataTypes.StringType)
      .add("parser_version", DataTypes.StringType);

  private GongkaiJob() {
  }

  /**
   * Entry point for spark-submit: the options of {@code gongkai run}, or a subcommand first ({@code run},
   * {@code rollup --year Y}, {@code sql}).
   */
  public static void main(String[] args) {
    boolean subcommand = args.length > 0 && !args[0].startsWith("-");
    int exit = subcommand ? new CommandLine(new org.gongkai.cli.Gongkai()).execute(args)
        : new CommandLine(new RunCommand()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  public static RunSummary run(SparkSession spark, JobConfig cfg, boolean reprocess) {
    Timestamp started = Timestamp.from(Instant.now());
    String runId = runId(started);
    String version = BuildInfo.parserVersion();
    cfg.applyTo(spark);
    DeltaStore store = new DeltaStore(spark);
    Dataset<Row> filesTable = store.snapshot(cfg.tablePath(JobConfig.FILES));

    // ingest: list everything, keep what is new or changed since the last run
    Dataset<Row> listed = Ingest.list(spark, cfg.input()).persist(StorageLevel.MEMORY_AND_DISK());
    LOG.info("{}: input listed ({} ms)", runId, since(started));
    Dataset<Row> known = reprocess ? null : filesTable;
    Dataset<Row> fresh = Ingest.unseen(listed, known).persist(StorageLevel.MEMORY_AND_DISK());
    // the listing splits into these and the files ingested before as they are now (skipped)
    long freshCount = fresh.count();

    // parse on the executors, once, with the manifest's fields as hints: checkpointed, the rows no longer depend
    // on the tables this run changes
    Dataset<Row> manifest = cfg.manifest() == null ? null : Manifest.read(spark, cfg.manifest(), cfg.input());
    Dataset<Row> fromContent = freshCount == 0
        ? spark.createDataFrame(List.of(), ParseStage.SCHEMA)
        : withSmallGeneratedFunctions(spark, () -> ParseStage.parse(Manifest.attach(
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
    Dataset<Row> parsed = summaries.unionByName(
        Tables.withoutCells(ParseStage.unread(fresh, summaries, cfg.maxFileBytes())).localCheckpoint());

    // account for every file before anything is written
    long seen = listed.count();
    long skipped = seen - freshCount;
    Map<String, Long> outcomes = new HashMap<>();
    parsed.groupBy("outcome").count().collectAsList().forEach(r -> outcomes.put(r.getString(0), r.getLong(1)));
    long parsedCount = outcomes.getOrDefault(ParseStage.PARSED, 0L);
    long quarantined = outcomes.getOrDefault(ParseStage.QUARANTINED, 0L);
    boolean changedPaths = filesTable != null && !fresh.join(filesTable.select("path"), "path").isEmpty();
    fresh.unpersist();
    listed.unpersist();

    LOG.info("{}: {} files seen, {} parsed, {} quarantined, {} skipped ({} ms)", runId, seen, parsedCount,
        quarantined, skipped, since(started));

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
        Dataset<Row> metrics = Tables.metrics(withCells, runId, version);
        store.createIfMissing(metrics.schema(), cfg.tablePath(JobConfig.METRICS), List.of("year"),
            Tables.METRICS_PROPERTIES);
        store.replaceGroups(metrics, parsedReports, cfg.tablePath(JobConfig.METRICS), "report_id",
            List.of("report_id", "metric_key"), List.of("year"), partitions);
        LOG.info("{}: metrics written ({} ms)", runId, since(started));
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
      if (changedPaths) {
        // a file whose content changed replaced its report: drop reports no file points to any more
        Dataset<Row> live = spark.read().format("delta").load(cfg.tablePath(JobConfig.FILES))
            .where(col("outcome").equalTo(ParseStage.PARSED));
        store.deleteNotIn(cfg.tablePath(JobConfig.REPORTS), live, "report_id");
        store.deleteNotIn(cfg.tablePath(JobConfig.METRICS), live, "report_id");
      }
    }
    // check across reports and years, then roll up: only the years this run's reports can change (their own and
    // the next, which compares with them); every year on a first run, a reprocess or when a file changed
    // (a changed file now quarantined dropped its report: the checks and rollups must forget it too)
    if (parsedCount > 0 || changedPaths) {
      Set<Integer> years = filesTable == null || reprocess || changedPaths ? null : touchedYears(parsed);
      CheckStage.crossReport(spark, store, cfg, runId, version, years);
      LOG.info("{}: cross-report checks written for {} ({} ms)", runId, years == null ? "every year" : years,
          since(started));
      Rollups.standard().build(spark, store, cfg, years);
      LOG.info("{}: rollups written ({} ms)", runId, since(started));
    }
    List<String> sample = parsed.where(col("outcome").equalTo(ParseStage.QUARANTINED))
        .select(concat(col("path"), lit(": "), col("reason"))).as(org.apache.spark.sql.Encoders.STRING())
        .takeAsList(20);
    RunSummary summary = new RunSummary(runId, started, Timestamp.from(Instant.now()), cfg.input(),
        cfg.warehouse(), reprocess, seen, parsedCount, quarantined, skipped, sample, version);
    store.append(spark.createDataFrame(List.of(RowFactory.create(runId, summary.startedAt(), summary.endedAt(),
        cfg.input(), cfg.warehouse(), reprocess, seen, parsedCount, quarantined, skipped, summary.status(),
        version)), RUNS), cfg.tablePath(JobConfig.RUNS));

    return summary;
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

  private static String runId(Timestamp started) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started.toInstant())
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
