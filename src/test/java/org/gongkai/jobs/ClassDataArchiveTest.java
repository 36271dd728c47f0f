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
  private Path m2;

  @BeforeEach
  void project() throws IOException {
    project = Files.createDirectories(dir.resolve("project"));
    target = Files.createDirectories(project.resolve("target"));
    Files.createDirectories(project.resolve("src/sample/corpus"));
    Files.writeString(project.resolve("pom.xml"), "<spark.jvm.opens>--add-opens=java.base/java.nio=ALL-UNNAMED</spark.jvm.opens>\n");
    m2 = Files.createDirectories(dir.resolve("m2"));
    for (String jar : List.of("a.jar", "b.jar", "c.jar", "spark.jar")) {
      touch(m2.resolve(jar), Instant.now().minusSeconds(3600));
    }
    Files.writeString(target.resolve("classpath.txt"), m2.resolve("a.jar") + ":" + m2.resolve("b.jar"));
    Files.writeString(target.resolve("provided-classpath.txt"), m2.resolve("spark.jar").toString());
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
            "-cp " + target.resolve("gongkai.jar") + ":" + m2.resolve("a.jar") + ":" + m2.resolve("b.jar") + ":"
                + m2.resolve("spark.jar"),
            "org.gongkai.cli.Gongkai run", "--input " + project.resolve("src/sample/corpus"))
        .doesNotContain("--warehouse " + project);
    assertThat(Files.readString(jsa)).isEqualTo("archive");

    // the jar built again: the archive no longer fits it, made again once
    rebuilt("gongkai.jsa");
    assertThat(cds(Map.of())).isEqualTo(first);
    assertThat(cds(Map.of())).isEqualTo(first);
    assertThat(Files.readAllLines(calls)).hasSize(2);

    // a dependency added: another classpath, made again
    Files.writeString(target.resolve("classpath.txt"),
        m2.resolve("a.jar") + ":" + m2.resolve("b.jar") + ":" + m2.resolve("c.jar"));
    assertThat(cds(Map.of())).isEqualTo(first);
    assertThat(Files.readAllLines(calls)).hasSize(3);
    assertThat(Files.readAllLines(calls).get(2)).contains(m2.resolve("c.jar").toString());
    assertThat(cds(Map.of())).isEqualTo(first);
    assertThat(Files.readAllLines(calls)).hasSize(3);
  }

  @Test
  void aJarDownloadedAgainOrTheJdkUpdatedInPlaceMakesItAgain() throws Exception {
    // the stand-in java is bin/java, so its JDK's release file is the one beside bin
    Path release = dir.resolve("release");
    Files.writeString(release, "JAVA_VERSION=\"17.0.12\"\n");
    String option = option(target.resolve("gongkai.jsa"));
    assertThat(cds(Map.of())).isEqualTo(option);
    assertThat(cds(Map.of())).isEqualTo(option);
    assertThat(Files.readAllLines(calls)).hasSize(1);

    // same path, another jar: the JVM would refuse the archive (or worse, if only the size were compared)
    Files.writeString(m2.resolve("b.jar"), "a newer download");
    assertThat(cds(Map.of())).isEqualTo(option);
    assertThat(Files.readAllLines(calls)).hasSize(2);

    // replaced by a rename in the same second with the same size, as Maven puts a download into place
    Path download = m2.resolve("b.jar.part");
    Files.writeString(download, "a newer download");
    Files.setLastModifiedTime(download, Files.getLastModifiedTime(m2.resolve("b.jar")));
    Files.move(download, m2.resolve("b.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(cds(Map.of())).isEqualTo(option);
    assertThat(Files.readAllLines(calls)).hasSize(3);

    Files.writeString(release, "JAVA_VERSION=\"17.0.13\"\n");
    assertThat(cds(Map.of())).isEqualTo(option);
    assertThat(cds(Map.of())).isEqualTo(option);
    assertThat(Files.readAllLines(calls)).hasSize(4);
  }

  @Test
  void noTemporaryFolderNoTraining() throws Exception {
    // mktemp failing (TMPDIR full or gone) must not send the training into the directory the command runs from
    assertThat(cds(Map.of("TMPDIR", dir.resolve("no-such-folder").toString()))).isEmpty();
    assertThat(calls).doesNotExist();
    assertThat(cds(Map.of())).isEqualTo(option(target.resolve("gongkai.jsa")));
  }

  @Test
  void aUsersOwnClassDataOptionsWin() throws Exception {
    assertThat(cds(Map.of("GONGKAI_JAVA_OPTS", "-Xmx2g -Xshare:off"))).isEmpty();
    assertThat(cds(Map.of("JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=/opt/app.jsa"))).isEmpty();
    assertThat(cds(Map.of("JDK_JAVA_OPTIONS", "-XX:ArchiveClassesAtExit=/tmp/x.jsa"))).isEmpty();
    assertThat(calls).doesNotExist();
    // an unrelated option does not count
    assertThat(cds(Map.of("GONGKAI_JAVA_OPTS", "-Xmx2g -XX:+UseG1GC"))).isEqualTo(option(target.resolve("gongkai.jsa")));
  }

  @Test
  void aHungTrainingIsStoppedAndLeavesNoPartBehind() throws Exception {
    // a part left by a training killed with kill -9
    Files.writeString(target.resolve("gongkai.jsa.part.4242"), "half an archive");
    javaStub(0, 30);
    assertThat(cds(Map.of("GONGKAI_CDS_TIMEOUT", "2"))).isEmpty();
    assertThat(target.resolve("gongkai.jsa")).doesNotExist();
    assertThat(Files.readString(target.resolve("gongkai.jsa.stamp"))).startsWith("failed ");
    assertThat(Files.readString(target.resolve("gongkai.jsa.log"))).contains("did not end in 2 s");
    try (var files = Files.list(target)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.contains(".part"));
    }
    // and not tried again before the next build
    assertThat(cds(Map.of())).isEmpty();
    assertThat(Files.readAllLines(calls)).hasSize(1);
  }

  @Test
  void anExitZeroWithoutAnArchiveIsAFailure() throws Exception {
    // a JDK without a base archive ends the run normally and writes none
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/usr/bin/env bash\necho \"$*\" >> '" + calls + "'\necho 'no base archive'\nexit 0\n");
    assertThat(cds(Map.of())).isEmpty();
    assertThat(cds(Map.of())).isEmpty();
    assertThat(Files.readAllLines(calls)).hasSize(1);
    assertThat(Files.readString(target.resolve("gongkai.jsa.stamp"))).startsWith("failed ");
    assertThat(target.resolve("gongkai.jsa.log")).content().contains("no base archive");
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
    javaStub(0, 6);
    Process a = start(Map.of());
    Process b = start(Map.of());
    String outA = output(a);
    String outB = output(b);
    assertThat(Files.readAllLines(calls)).hasSize(1);
    // the one that trained uses the archive; the other, started during the training's 6 s, found the lock taken and
    // runs without it (one that waited for the lock would print the option too)
    assertThat(List.of(outA, outB)).containsExactlyInAnyOrder("", option(target.resolve("gongkai.jsa")));
  }

  @Test
  void onlyTheCommandsThatStartSparkUseIt() throws Exception {
    for (String spark : List.of("run --input x", "--verbose sql 'select 1'", "evaluate", "rollup", "repair", "migrate")) {
      assertThat(bash("gongkai_starts_spark " + spark)).as(spark).isZero();
    }
    for (String other : List.of("parse a.pdf", "generate --count 3", "dictionary", "", "--help", "run --help", "-V",
        "sql -h")) {
      assertThat(bash("gongkai_starts_spark " + other)).as(other).isEqualTo(1);
    }
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

  private int bash(String command) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", "here='" + project + "'; source '"
        + Path.of("jobs/lib.sh").toAbsolutePath() + "'; " + command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
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
