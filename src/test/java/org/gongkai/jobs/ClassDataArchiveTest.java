package org.gongkai.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/lib.sh's class-data archive (gongkai_cds): made once per build by a training run, under a lock, never fatal.
 * A stand-in for java records its calls and writes the archive the JVM would write at its exit; the real JVM's use
 * of the archive is ClassDataSharingIT's.
 */
class ClassDataArchiveTest {

  @TempDir Path dir;
  private Path project;
  private Path target;
  private Path calls;
  private Path bin;

  @BeforeEach
  void project() throws IOException {
    project = Files.createDirectories(dir.resolve("project"));
    target = Files.createDirectories(project.resolve("target"));
    Files.createDirectories(project.resolve("src/sample/corpus"));
    Files.writeString(project.resolve("pom.xml"), "<spark.jvm.opens>--add-opens=java.base/java.nio=ALL-UNNAMED</spark.jvm.opens>\n");
    Files.writeString(target.resolve("classpath.txt"), "/m2/a.jar:/m2/b.jar");
    Files.writeString(target.resolve("provided-classpath.txt"), "/m2/spark.jar");
    touch(target.resolve("gongkai.jar"), Instant.now().minusSeconds(600));
    calls = dir.resolve("calls.txt");
    bin = Files.createDirectories(dir.resolve("bin"));
    javaStub(0, 0);
  }

  @Test
  void theFirstRunMakesTheArchiveTheNextOnesUseIt() throws Exception {
    String first = cds(Map.of());
    String second = cds(Map.of());
    Path jsa = target.resolve("gongkai.jsa");
    assertThat(first).isEqualTo(option(jsa));
    assertThat(second).isEqualTo(first);
    List<String> trainings = Files.readAllLines(calls);
    assertThat(trainings).hasSize(1);
    // the training: a run of the sample corpus into a temporary warehouse, the job's classpath, the archive at exit
    assertThat(trainings.get(0))
        .contains("-XX:ArchiveClassesAtExit=", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-cp " + target.resolve("gongkai.jar") + ":/m2/a.jar:/m2/b.jar:/m2/spark.jar",
            "org.gongkai.cli.Gongkai run", "--input " + project.resolve("src/sample/corpus"))
        .doesNotContain("--warehouse " + project);
    assertThat(Files.readString(jsa)).isEqualTo("archive");

    // the jar built again: the archive no longer fits it, made again once
    rebuilt("gongkai.jsa");
    assertThat(cds(Map.of())).isEqualTo(first);
    assertThat(cds(Map.of())).isEqualTo(first);
    assertThat(Files.readAllLines(calls)).hasSize(2);

    // a dependency added: another classpath, made again
    Files.writeString(target.resolve("classpath.txt"), "/m2/a.jar:/m2/b.jar:/m2/c.jar");
    assertThat(cds(Map.of())).isEqualTo(first);
    assertThat(Files.readAllLines(calls)).hasSize(3);
    assertThat(Files.readAllLines(calls).get(2)).contains("/m2/c.jar");
  }

  @Test
  void aFailedTrainingRunsWithoutTheArchiveAndIsNotRetriedUntilTheNextBuild() throws Exception {
    javaStub(3, 0);
    assertThat(cds(Map.of())).isEmpty();
    assertThat(cds(Map.of())).isEmpty();
    assertThat(Files.readAllLines(calls)).hasSize(1);
    assertThat(target.resolve("gongkai.jsa")).doesNotExist();
    assertThat(target.resolve("gongkai.jsa.log")).hasContent("training output");

    javaStub(0, 0);
    rebuilt("gongkai.jsa.stamp");
    assertThat(cds(Map.of())).isEqualTo(option(target.resolve("gongkai.jsa")));
    assertThat(Files.readAllLines(calls)).hasSize(2);
  }

  @Test
  void twoRunsStartedTogetherTrainOnceAndNeitherWaitsForTheOther() throws Exception {
    javaStub(0, 4);
    Process a = start(Map.of());
    Process b = start(Map.of());
    String outA = output(a);
    String outB = output(b);
    assertThat(Files.readAllLines(calls)).hasSize(1);
    // the one that found the lock taken runs without the archive; one that came after the training uses it
    assertThat(List.of(outA, outB)).contains(option(target.resolve("gongkai.jsa")))
        .allMatch(o -> o.isEmpty() || o.equals(option(target.resolve("gongkai.jsa"))));
  }

  @Test
  void turnedOff() throws Exception {
    assertThat(cds(Map.of("GONGKAI_CDS", "0"))).isEmpty();
    assertThat(calls).doesNotExist();
  }

  /** A java that writes "archive" where -XX:ArchiveClassesAtExit says, after {@code sleep} seconds. */
  private void javaStub(int exit, int sleep) throws IOException {
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/usr/bin/env bash\necho \"$*\" >> '" + calls + "'\nsleep " + sleep + "\n"
        + "echo 'training output'\n"
        + "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*) [ " + exit + " = 0 ] && "
        + "printf archive > \"${a#-XX:ArchiveClassesAtExit=}\";; esac; done\nexit " + exit + "\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private String cds(Map<String, String> env) throws Exception {
    return output(start(env));
  }

  private Process start(Map<String, String> env) throws IOException {
    String script = "set -euo pipefail; here='" + project + "'; source '" + Path.of("jobs/lib.sh").toAbsolutePath()
        + "'; gongkai_cds";
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().remove("GONGKAI_CDS");
    pb.environment().putAll(env);
    return pb.start();
  }

  private static String output(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static String option(Path jsa) {
    return "-XX:SharedArchiveFile=" + jsa + " -Xlog:cds*=off -Xlog:cds*=warning:stderr";
  }

  /** The jar built after {@code made} was written. */
  private void rebuilt(String made) throws IOException {
    touch(target.resolve(made), Instant.now().minusSeconds(300));
    touch(target.resolve("gongkai.jar"), Instant.now().minusSeconds(200));
  }

  private static void touch(Path file, Instant when) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    Files.setLastModifiedTime(file, FileTime.from(when));
  }
}
