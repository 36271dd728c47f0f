package org.gongkai.store;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the {@code runs} table: what a run (or a rollup, a repair) is doing or did. Written when the run
 * starts ({@code running}: the claim on the warehouse), with its plan, at each heartbeat, and at its end
 * ({@code succeeded},
 * {@code failed}, {@code refused}); a run found dead by a later one is {@code abandoned}. Immutable.
 *
 * @param checkYears     the years whose checks and rollups the run recomputes (null with {@code checkAllYears})
 * @param checkAllYears  null until the run knows what it will write
 * @param pruneReports   whether it must drop reports no file points to any more
 * @param stages         the stages finished, in order ({@link #STAGES})
 * @param recovers       the unfinished runs whose checks and rollups this one redoes
 * @param machine        the boot and process namespace of the run's host, to tell a dead process from a live one
 */
public record RunRecord(String runId, String command, Timestamp startedAt, Timestamp endedAt, String inputUri,
                        String warehouse, Boolean reprocess, Long filesSeen, Long parsed, Long quarantined,
                        Long skipped, String status, String parserVersion, String host, Long pid,
                        Timestamp processStartedAt, String machine, Timestamp heartbeatAt, List<String> stages,
                        List<Integer> checkYears, Boolean checkAllYears, Boolean pruneReports,
                        List<String> recovers, String error) {

  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String REFUSED = "refused";
  public static final String ABANDONED = "abandoned";

  /** The stages of a run, in order: parse and the writes of silver tables, pruning, checks, rollups. */
  public static final List<String> STAGES = List.of("store", "prune", "checks", "rollups");

  public static final StructType SCHEMA = new StructType()
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
      .add("parser_version", DataTypes.StringType)
      .add("command", DataTypes.StringType)
      .add("host", DataTypes.StringType)
      .add("pid", DataTypes.LongType)
      .add("process_started_at", DataTypes.TimestampType)
      .add("machine", DataTypes.StringType)
      .add("heartbeat_at", DataTypes.TimestampType)
      .add("stages", DataTypes.createArrayType(DataTypes.StringType))
      .add("check_years", DataTypes.createArrayType(DataTypes.IntegerType))
      .add("check_all_years", DataTypes.BooleanType)
      .add("prune_reports", DataTypes.BooleanType)
      .add("recovers", DataTypes.createArrayType(DataTypes.StringType))
      .add("error", DataTypes.StringType);

  public RunRecord {
    stages = stages == null ? List.of() : List.copyOf(stages);
    recovers = recovers == null ? List.of() : List.copyOf(recovers);
    checkYears = checkYears == null ? null : List.copyOf(checkYears);
  }

  public Row toRow() {
    return RowFactory.create(runId, startedAt, endedAt, inputUri, warehouse, reprocess, filesSeen, parsed,
        quarantined, skipped, status, parserVersion, command, host, pid, processStartedAt, machine, heartbeatAt,
        seq(stages), checkYears == null ? null : seq(checkYears), checkAllYears, pruneReports, seq(recovers), error);
  }

  /** A row of the table, of any version: columns an older gongkai did not write are null. */
  public static RunRecord of(Row r) {
    return new RunRecord(r.getAs("run_id"), get(r, "command"), get(r, "started_at"), get(r, "ended_at"),
        get(r, "input_uri"), get(r, "warehouse"), get(r, "reprocess"), get(r, "files_seen"), get(r, "parsed"),
        get(r, "quarantined"), get(r, "skipped"), get(r, "status"), get(r, "parser_version"), get(r, "host"),
        get(r, "pid"), get(r, "process_started_at"), get(r, "machine"), get(r, "heartbeat_at"),
        list(r, "stages"), list(r, "check_years"), get(r, "check_all_years"), get(r, "prune_reports"),
        list(r, "recovers"), get(r, "error"));
  }

  public boolean isRunning() {
    return RUNNING.equals(status);
  }

  public boolean finished(String stage) {
    return stages.contains(stage);
  }

  /** The years to check again (null for every year), or an empty set when the run planned nothing. */
  public Set<Integer> plannedYears() {
    if (checkAllYears == null) {
      return Set.of();
    }
    return checkAllYears ? null : new TreeSet<>(checkYears == null ? List.of() : checkYears);
  }

  public RunRecord withStatus(String newStatus, Timestamp at, String why) {
    return new RunRecord(runId, command, startedAt, at, inputUri, warehouse, reprocess, filesSeen, parsed,
        quarantined, skipped, newStatus, parserVersion, host, pid, processStartedAt, machine, heartbeatAt, stages,
        checkYears, checkAllYears, pruneReports, recovers, why);
  }

  public RunRecord withHeartbeat(Timestamp at) {
    return new RunRecord(runId, command, startedAt, endedAt, inputUri, warehouse, reprocess, filesSeen, parsed,
        quarantined, skipped, status, parserVersion, host, pid, processStartedAt, machine, at, stages, checkYears,
        checkAllYears, pruneReports, recovers, error);
  }

  public RunRecord withStage(String stage) {
    List<String> done = new ArrayList<>(stages);
    if (!done.contains(stage)) {
      done.add(stage);
    }
    return new RunRecord(runId, command, startedAt, endedAt, inputUri, warehouse, reprocess, filesSeen, parsed,
        quarantined, skipped, status, parserVersion, host, pid, processStartedAt, machine, heartbeatAt, done,
        checkYears, checkAllYears, pruneReports, recovers, error);
  }

  /** The plan: the years to check again (null: every year) and whether reports must be pruned. */
  public RunRecord withPlan(Set<Integer> years, boolean prune, List<String> recovered) {
    return new RunRecord(runId, command, startedAt, endedAt, inputUri, warehouse, reprocess, filesSeen, parsed,
        quarantined, skipped, status, parserVersion, host, pid, processStartedAt, machine, heartbeatAt, stages,
        years == null ? null : new ArrayList<>(new TreeSet<>(years)), years == null, prune, recovered, error);
  }

  public RunRecord withCounts(long seen, long parsedFiles, long quarantinedFiles, long skippedFiles) {
    return new RunRecord(runId, command, startedAt, endedAt, inputUri, warehouse, reprocess, seen, parsedFiles,
        quarantinedFiles, skippedFiles, status, parserVersion, host, pid, processStartedAt, machine, heartbeatAt,
        stages, checkYears, checkAllYears, pruneReports, recovers, error);
  }

  @SuppressWarnings("unchecked")
  private static <T> T get(Row r, String field) {
    int at;
    try {
      at = r.fieldIndex(field);
    } catch (IllegalArgumentException absent) {
      return null;
    }
    return r.isNullAt(at) ? null : (T) r.get(at);
  }

  private static <T> List<T> list(Row r, String field) {
    Object v = get(r, field);
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> l) {
      @SuppressWarnings("unchecked")
      List<T> out = (List<T>) l;
      return out;
    }
    @SuppressWarnings("unchecked")
    List<T> out = new ArrayList<>((java.util.Collection<T>) scala.jdk.javaapi.CollectionConverters.asJava(
        (scala.collection.Seq<T>) v));
    return out;
  }

  private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
  }
}
