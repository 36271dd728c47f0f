package org.gongkai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gongkai.cli.Gongkai;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {
  }

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    CommandLine cli = new CommandLine(new Gongkai(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == GenerateCommand.class ? cls.cast(new GenerateCommand(stdout))
            : CommandLine.defaultFactory().create(cls);
      }
    });
    cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void writesTheCorpusAndPrintsOneSummaryLine() throws Exception {
    Path out = dir.resolve("corpus");
    Run run = run("generate", "--reports", "30", "--years", "2020-2022", "--out", out.toString(), "--seed", "9",
        "--anomaly-rate", "0.1");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().lines()).hasSize(1).first().asString()
        .startsWith("gongkai generate: 30 reports of 10 agencies (2020-2022, seed 9)").contains("truth.jsonl");
    assertThat(Files.readAllLines(out.resolve("truth.jsonl"))).hasSize(30)
        .allMatch(l -> l.matches(".*\"year\":202[012],.*"));
  }

  @Test
  void refusesAnExistingCorpusUnlessForced() {
    Path out = dir.resolve("corpus");
    assertThat(run("generate", "--reports", "3", "--out", out.toString()).exit()).isZero();
    Run again = run("generate", "--reports", "3", "--out", out.toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("already holds a corpus");
    assertThat(run("generate", "--reports", "3", "--out", out.toString(), "--force").exit()).isZero();
  }

  @Test
  void rejectsBadOptions() {
    String out = dir.resolve("x").toString();
    assertThat(run("generate", "--out", out).exit()).isEqualTo(2);
    assertThat(run("generate", "--reports", "0", "--out", out).exit()).isEqualTo(2);
    assertThat(run("generate", "--reports", "5", "--out", out, "--anomaly-rate", "1.5").exit()).isEqualTo(2);
    assertThat(run("generate", "--reports", "5", "--out", out, "--years", "2025-2019").exit()).isEqualTo(2);
    assertThat(run("generate", "--reports", "5", "--out", out, "--years", "twenty").exit()).isEqualTo(2);
  }
}
