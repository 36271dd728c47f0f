package org.gongkai.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code jobs/run-local.sh} (or {@code jobs/gongkai}) in its own JVM, as an operator starts it: its output in a
 * log file, optionally stopped at a fault point ({@code -Dgongkai.pauseAt}) to be killed there with SIGKILL.
 */
final class JobProcess {

  private final Process process;
  private final Path log;

  private JobProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** {@code jobs/run-local.sh ARGS}; {@code jvmOptions} are added to GONGKAI_JAVA_OPTS. */
  static JobProcess runLocal(Path log, String jvmOptions, String... args) throws IOException {
    return start("jobs/run-local.sh", log, jvmOptions, false, args);
  }

  /** {@code jobs/run-local.sh ARGS} with the class-data archive, as an operator's runs have it. */
  static JobProcess runLocalWithClassData(Path log, String jvmOptions, String... args) throws IOException {
    return start("jobs/run-local.sh", log, jvmOptions, true, args);
  }

  /** {@code jobs/gongkai ARGS}. */
  static JobProcess gongkai(Path log, String... args) throws IOException {
    return start("jobs/gongkai", log, "", false, args);
  }

  /** {@code jobs/gongkai ARGS}; {@code jvmOptions} are added to GONGKAI_JAVA_OPTS. */
  static JobProcess gongkaiWith(Path log, String jvmOptions, String... args) throws IOException {
    return start("jobs/gongkai", log, jvmOptions, false, args);
  }

  private static JobProcess start(String script, Path log, String jvmOptions, boolean classData, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", script));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // small heaps: two of them beside the test JVM on a 2-core CI machine
    pb.environment().put("GONGKAI_JAVA_OPTS", "-Xmx1g " + jvmOptions);
    pb.environment().put("GONGKAI_ERROR_LOG", log + ".errors");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    // without the class-data archive unless asked: its training run (a minute, once per build) would make the first
    // job of a test late and keep two jobs meant to start together apart
    pb.environment().put("GONGKAI_CDS", classData ? "1" : "0");
    return new JobProcess(pb.start(), log);
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** Waits until the output has {@code text}; fails when the process ends first or the time is up. */
  void awaitOutput(String text, long seconds) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!output().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError("the job ended (exit " + process.exitValue() + ") before printing '" + text
            + "':\n" + output());
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("no '" + text + "' after " + seconds + " s:\n" + output());
      }
      Thread.sleep(200);
    }
  }

  /** kill -9: the JVM (the script execs it) gets no chance to clean up. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the job survived SIGKILL");
    }
  }

  long pid() {
    return process.pid();
  }

  /** Waits for the end; the exit status. */
  int exit() throws Exception {
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the job did not end in 15 minutes:\n" + output());
    }
    return process.exitValue();
  }
}
