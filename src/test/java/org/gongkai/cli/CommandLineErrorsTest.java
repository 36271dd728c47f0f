package org.gongkai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad option and configuration values are refused before Spark starts, in one line that says what to do, with exit
 * status 2 (and nothing is written: a run with a negative time budget used to quarantine every file for good).
 */
class CommandLineErrorsTest {

  @TempDir
  Path dir;

  private record Result(int exit, String err) {
  }

  private Result run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Gongkai.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, err.toString());
  }

  private void assertOneLine(Result r, String startsWith) {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").startsWith(startsWith).doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  private String[] runArgs(String... more) {
    String[] base = {"run", "--input", dir.resolve("in").toString(), "--warehouse", dir.resolve("wh").toString()};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void aTimeBudgetBelowOneIsRefused() {
    Result r = run(runArgs("--parse-timeout-ms", "-5"));
    assertOneLine(r, "gongkai run: ");
    assertThat(r.err()).contains("-5").containsIgnoringCase("parseTimeoutMs");
    assertThat(dir.resolve("wh")).doesNotExist();
  }

  @Test
  void aNegativeRetryCountAndANonPositiveSizeCapAreRefused() {
    assertOneLine(run(runArgs("--transient-retries", "-1")), "gongkai run: ");
    assertOneLine(run(runArgs("--max-file-bytes", "0")), "gongkai run: ");
    assertThat(dir.resolve("wh")).doesNotExist();
  }

  @Test
  void aMissingConfigurationFileIsNamed() {
    Path missing = dir.resolve("nowhere.yaml");
    Result r = run(runArgs("--config", missing.toString()));
    assertOneLine(r, "gongkai run: ");
    assertThat(r.err()).contains(missing.toString());
  }

  @Test
  void badValuesInTheConfigurationFileAreRefused() throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, "limits:\n  parseTimeoutMs: -5\n");
    assertOneLine(run(runArgs("--config", yaml.toString())), "gongkai run: ");
    Files.writeString(yaml, "limits:\n  parseTimeoutMs: 1.5\n");
    assertOneLine(run(runArgs("--config", yaml.toString())), "gongkai run: ");
    Files.writeString(yaml, "limits: [unclosed\n");
    assertOneLine(run(runArgs("--config", yaml.toString())), "gongkai run: ");
    Files.writeString(yaml, "lease:\n  staleAfterMinutes: 0\n");
    Result stale = run(runArgs("--config", yaml.toString()));
    assertOneLine(stale, "gongkai run: ");
    assertThat(stale.err()).contains("lease.staleAfterMinutes");
  }
}
