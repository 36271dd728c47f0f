package org.gongkai.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/lib.sh builds the application before a run only when the sources changed, with a stand-in for Maven that
 * records its calls.
 */
class BuildOnDemandTest {

  @Test
  void aPomEditedAfterTheClasspathWasWrittenCausesOneBuildNotOnePerRun(@TempDir Path dir) throws Exception {
    Path project = Files.createDirectories(dir.resolve("project"));
    Path target = Files.createDirectories(project.resolve("target"));
    Files.createDirectories(project.resolve("src/main"));
    Instant t0 = Instant.now().minusSeconds(3600);
    touch(target.resolve("classpath.txt"), t0);
    touch(target.resolve("provided-classpath.txt"), t0);
    touch(project.resolve("src/main/A.java"), t0);
    touch(project.resolve("src/main"), t0); // a folder's time changes with its entries: find sees it too
    touch(project.resolve("pom.xml"), t0.plusSeconds(600)); // a dependency added since
    touch(target.resolve("gongkai.jar"), t0.plusSeconds(1200));
    Path calls = dir.resolve("calls.txt");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path mvn = bin.resolve("mvn");
    // like Maven: the jar rewritten (its classes changed), the classpath files not (the dependencies did not)
    Files.writeString(mvn, "#!/usr/bin/env bash\necho \"$*\" >> '" + calls + "'\ntouch '"
        + target.resolve("gongkai.jar") + "'\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

    String script = "set -euo pipefail; here='" + project + "'; source '" + Path.of("jobs/lib.sh").toAbsolutePath()
        + "'; gongkai_build; gongkai_build; gongkai_build";
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    List<String> builds = Files.readAllLines(calls);
    assertThat(builds).hasSize(1);
    assertThat(builds.get(0)).contains("package");

    // a source edited after the last build: built again, once
    Instant built = Files.getLastModifiedTime(target.resolve("gongkai.jar")).toInstant();
    touch(target.resolve("gongkai.jar"), built.minusSeconds(60));
    touch(project.resolve("src/main/A.java"), built.minusSeconds(30));
    Process again = pb.start();
    String outAgain = new String(again.getInputStream().readAllBytes());
    assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(again.exitValue()).as(outAgain).isZero();
    assertThat(Files.readAllLines(calls)).hasSize(2);
  }

  private static void touch(Path file, Instant when) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    Files.setLastModifiedTime(file, FileTime.from(when));
  }
}
