package org.gongkai.store;

import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code runs} table as the warehouse's lease: one writer at a time. A run claims the warehouse by appending
 * its {@code running} row (a blind append, which never conflicts), then looks at the table as it was just before
 * its own commit: a {@code running} claim there whose process is alive holds the warehouse, and this run is
 * refused. Delta's log orders every commit, so of two runs started together exactly the later one sees the
 * other: the earlier proceeds, the later refuses. The lease is as safe as the table's commits (on S3, with
 * Delta's DynamoDB log store, as the data tables are).
 *
 * <p>A claim is dead when its process is gone (same machine: the process id is not alive, or is another
 * process's) or, from another machine, when its heartbeat is older than {@code staleAfter}: a later run takes it
 * over and marks it {@code abandoned}. The holder's row records the stages it finished; work an unfinished run
 * left (checks and rollups of the years it planned, pruning) is the {@link Recovery} of the next run.
 */
public final class RunLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);
  private static final int ATTEMPTS = 12;
  /** This JVM's machine: boot and process-namespace ids, so a process id is compared on the same machine only. */
  private static final String MACHINE = machineId();

  private final SparkSession spark;
  private final String path;
  private final boolean legacy;
  private final Recovery recovery;
  private RunRecord record;
  private final ScheduledExecutorService heartbeat;

  /** Work unfinished runs left: the years to check and roll up again (null: every year), pruning, their ids. */
  public record Recovery(Set<Integer> years, boolean prune, List<String> runs) {
    public static final Recovery NONE = new Recovery(Set.of(), false, List.of());

    public Recovery {
      years = years == null ? null : Set.copyOf(years);
      runs = List.copyOf(runs);
    }

    public boolean none() {
      return years != null && years.isEmpty() && !prune;
    }
  }

  private RunLog(SparkSession spark, String path, boolean legacy, Recovery recovery, RunRecord record,
                 Duration staleAfter) {
    this.spark = spark;
    this.path = path;
    this.legacy = legacy;
    this.recovery = recovery;
    this.record = record;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gongkai-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1_000, staleAfter.toMillis() / 5);
    heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /** A new claim for a command, as this process on this machine makes it. */
  public static RunRecord claimOf(String runId, String command, Timestamp started, String input, String warehouse,
                                  boolean reprocess, String parserVersion) {
    ProcessHandle self = ProcessHandle.current();
    Timestamp processStart = self.info().startInstant().map(Timestamp::from).orElse(null);
    return new RunRecord(runId, command, started, null, input, warehouse, reprocess, null, null, null, null,
        RunRecord.RUNNING, parserVersion, hostName(), self.pid(), processStart, MACHINE, started, List.of(), null,
        null, null, List.of(), null);
  }

  /**
   * Claims the warehouse whose runs table is at {@code path}.
   *
   * @throws WarehouseBusyException when a live run holds it; this run's row then says {@code refused}
   */
  public static RunLog claim(SparkSession spark, DeltaStore store, String path, RunRecord claim,
                             Duration staleAfter) throws WarehouseBusyException {
    boolean legacy = retrying(() -> {
      boolean existed = store.exists(path);
      store.createIfMissing(RunRecord.SCHEMA, path, List.of(), Map.of());
      boolean old = existed && !Arrays.asList(store.read(path).columns()).contains("stages");
      store.addMissingColumns(path, RunRecord.SCHEMA);
      return old;
    });
    String tag = "gongkai claim " + claim.runId();
    // a blind append: never in conflict with another run's, retried only against a concurrent schema change
    retrying(() -> {
      spark.createDataFrame(List.of(claim.toRow()), RunRecord.SCHEMA).write().format("delta").mode("append")
          .option("userMetadata", tag).save(path);
      return null;
    });
    // the runs claimed before this one, with their state as it is now: every row but this run's and those of
    // the claims committed after it (a run's row enters the table with its claim, so these are the runs the
    // table held just before this claim, read from the history instead of a second version of the table). The
    // rows first, the history after: a claim committed in between is then in neither, not taken for an earlier
    // one
    List<Row> rows = spark.read().format("delta").load(path).collectAsList();
    Set<String> after = claimedAfter(spark, path, tag);
    Instant now = Instant.now();
    List<RunRecord> earlier = new ArrayList<>();
    for (Row r : rows) {
      RunRecord run = RunRecord.of(r);
      if (!claim.runId().equals(run.runId()) && !after.contains(run.runId())) {
        earlier.add(run);
      }
    }
    List<RunRecord> dead = new ArrayList<>();
    for (RunRecord other : earlier) {
      if (!other.isRunning()) {
        continue;
      }
      if (alive(other, now, staleAfter)) {
        RunRecord refused = claim.withStatus(RunRecord.REFUSED, Timestamp.from(Instant.now()),
            "the warehouse is in use by run " + other.runId());
        retrying(() -> write(spark, path, refused));
        throw new WarehouseBusyException(other, staleAfter);
      }
      dead.add(other);
    }
    for (RunRecord d : dead) {
      String why = MACHINE != null && MACHINE.equals(d.machine())
          ? "process " + d.pid() + " on " + d.host() + " is gone (found by run " + claim.runId() + ")"
          : "no heartbeat since " + d.heartbeatAt() + " (stale after " + staleAfter.toMinutes()
              + " min; taken over by run " + claim.runId() + ")";
      RunRecord abandoned = d.withStatus(RunRecord.ABANDONED, d.heartbeatAt(), why);
      retrying(() -> write(spark, path, abandoned));
      earlier.set(earlier.indexOf(d), abandoned);
      LOG.warn("run {} did not finish: {}", d.runId(), why);
    }
    return new RunLog(spark, path, legacy, recoveryOf(earlier), claim, staleAfter);
  }

  /**
   * What the unfinished runs since the last one that succeeded left to do: each planned checks and rollups of
   * some years and may have been stopped before they were written.
   */
  static Recovery recoveryOf(List<RunRecord> earlier) {
    List<RunRecord> runs = new ArrayList<>(earlier);
    runs.removeIf(r -> RunRecord.REFUSED.equals(r.status()) || r.startedAt() == null);
    runs.sort(Comparator.comparing(RunRecord::startedAt));
    int lastSucceeded = -1;
    for (int i = 0; i < runs.size(); i++) {
      if (RunRecord.SUCCEEDED.equals(runs.get(i).status())) {
        lastSucceeded = i;
      }
    }
    Set<Integer> years = new TreeSet<>();
    boolean all = false;
    boolean prune = false;
    List<String> ids = new ArrayList<>();
    for (RunRecord r : runs.subList(lastSucceeded + 1, runs.size())) {
      Set<Integer> planned = r.plannedYears();
      boolean pendingChecks = (planned == null || !planned.isEmpty()) && !r.finished("rollups");
      boolean pendingPrune = Boolean.TRUE.equals(r.pruneReports()) && !r.finished("prune");
      if (!pendingChecks && !pendingPrune) {
        continue;
      }
      ids.add(r.runId());
      prune |= pendingPrune;
      if (pendingChecks) {
        if (planned == null) {
          all = true;
        } else {
          years.addAll(planned);
        }
      }
    }
    return new Recovery(all ? null : years, prune, ids);
  }

  /** Whether a running claim still holds the warehouse. */
  static boolean alive(RunRecord run, Instant now, Duration staleAfter) {
    if (MACHINE != null && MACHINE.equals(run.machine()) && run.pid() != null) {
      Optional<ProcessHandle> process = ProcessHandle.of(run.pid());
      if (process.isEmpty() || !process.get().isAlive()) {
        return false;
      }
      // the same id reused by a later process
      Optional<Instant> started = process.get().info().startInstant();
      return started.isEmpty() || run.processStartedAt() == null
          || Math.abs(started.get().toEpochMilli() - run.processStartedAt().getTime()) < 1_000;
    }
    Timestamp beat = run.heartbeatAt() != null ? run.heartbeatAt() : run.startedAt();
    return beat != null && beat.toInstant().plus(staleAfter).isAfter(now);
  }

  /** The warehouse was last written by a gongkai that kept no stages: it may hold keys twice. */
  public boolean legacy() {
    return legacy;
  }

  public Recovery recovery() {
    return recovery;
  }

  public synchronized RunRecord record() {
    return record;
  }

  /** Changes this run's row and writes it (one commit). */
  public synchronized void update(UnaryOperator<RunRecord> change) {
    RunRecord next = change.apply(record).withHeartbeat(Timestamp.from(Instant.now()));
    retrying(() -> write(spark, path, next));
    record = next;
  }

  /** Records a finished stage. */
  public void stageDone(String stage) {
    update(r -> r.withStage(stage));
  }

  /**
   * Records a finished stage with the run's next write (the next update, heartbeat or finish), not in a commit of
   * its own: each is a Delta MERGE of a couple of seconds. For a stage whose redo is harmless: a run stopped
   * before that write is taken not to have finished it, and the next run does it again (every stage is keyed or
   * a replacement, so doing it twice changes nothing).
   */
  public void stageDoneWithNextWrite(String stage) {
    changeWithNextWrite(r -> r.withStage(stage));
  }

  /**
   * Changes this run's row without writing it: the change goes out with the next write (update, heartbeat or
   * finish). For what no later run needs should this one stop before that write.
   */
  public synchronized void changeWithNextWrite(UnaryOperator<RunRecord> change) {
    record = change.apply(record);
  }

  /** The run's end: its status, and the error's message when it failed. Stops the heartbeat first. */
  public void finish(String status, String error) {
    heartbeat.shutdownNow();
    update(r -> r.withStatus(status, Timestamp.from(Instant.now()), error));
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
  }

  private synchronized void beat() {
    try {
      RunRecord next = record.withHeartbeat(Timestamp.from(Instant.now()));
      retrying(() -> write(spark, path, next));
      record = next;
    } catch (RuntimeException e) {
      // the next beat tries again; a holder that cannot write its heartbeat will be taken for dead
      LOG.warn("run {}: heartbeat not written: {}", record.runId(), e.toString());
    }
  }

  /** Upserts one run's row by run_id. */
  private static Void write(SparkSession spark, String path, RunRecord run) {
    Dataset<Row> row = spark.createDataFrame(List.of(run.toRow()), RunRecord.SCHEMA);
    DeltaTable.forPath(spark, path).as("t").merge(row.as("s"), "t.run_id = s.run_id")
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
    return null;
  }

  /**
   * The run ids of the claims committed after the one tagged {@code tag} (this process's), from the table's
   * history: the last 20 commits, or all of them when this claim is older than that.
   */
  private static Set<String> claimedAfter(SparkSession spark, String path, String tag) {
    String prefix = "gongkai claim ";
    for (int limit : new int[] {20, Integer.MAX_VALUE}) {
      DeltaTable table = DeltaTable.forPath(spark, path);
      Dataset<Row> history = limit == Integer.MAX_VALUE ? table.history() : table.history(limit);
      List<Row> commits = history.select("version", "userMetadata").collectAsList();
      Long mine = null;
      for (Row c : commits) {
        if (tag.equals(c.getString(1))) {
          mine = c.getLong(0);
        }
      }
      if (mine != null) {
        Set<String> after = new HashSet<>();
        for (Row c : commits) {
          if (c.getLong(0) > mine && c.getString(1) != null && c.getString(1).startsWith(prefix)) {
            after.add(c.getString(1).substring(prefix.length()));
          }
        }
        return after;
      }
    }
    throw new IllegalStateException("the claim " + tag + " is not in the history of " + path);
  }

  /**
   * Runs a write of the runs table again when a concurrent commit of another run conflicted with it (two runs
   * writing their rows at the same moment): each row is its own run's, so a retry is always right.
   */
  static <T> T retrying(Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !concurrent(e)) {
          throw e;
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(50, 250) * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** A Delta conflict between concurrent transactions (its exceptions are ConcurrentModificationExceptions). */
  public static boolean concurrent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.ConcurrentModificationException) {
        return true;
      }
    }
    return false;
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return System.getenv().getOrDefault("HOSTNAME", "unknown");
    }
  }

  private static String machineId() {
    try {
      String boot = Files.readString(java.nio.file.Path.of("/proc/sys/kernel/random/boot_id")).strip();
      String pidNamespace = Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid")).toString();
      return boot + "/" + pidNamespace;
    } catch (java.io.IOException | RuntimeException e) {
      return null; // not Linux: claims from this machine are judged by their heartbeat only
    }
  }
}
