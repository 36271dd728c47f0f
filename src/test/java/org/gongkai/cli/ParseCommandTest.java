package org.gongkai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gongkai.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ParseCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private record Run(int exit, List<JsonNode> lines) {
  }

  private Run run(String... args) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    CommandLine cli = new CommandLine(new Gongkai(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == ParseCommand.class ? cls.cast(new ParseCommand(out)) : CommandLine.defaultFactory().create(cls);
      }
    });
    int exit = cli.execute(args);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return new Run(exit, lines);
  }

  @Test
  void oneJsonLinePerFileWithEveryCatalogKey() throws Exception {
    Path seed = dir.resolve("002.txt");
    Files.write(seed, Fixtures.seed("002_b3fef9399b69f476.txt"));
    Run run = run("parse", seed.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.lines()).hasSize(1);
    JsonNode r = run.lines().get(0);
    assertThat(r.get("source").asText()).isEqualTo(seed.toString());
    assertThat(r.get("agency").asText()).isEqualTo("青岛市医疗保障局");
    assertThat(r.get("year").asInt()).isEqualTo(2024);
    assertThat(r.get("format").asText()).isEqualTo("2021");
    assertThat(r.get("region").get("province").asText()).isEqualTo("山东省");
    assertThat(r.get("region").get("prefecture").asText()).isEqualTo("青岛市");
    assertThat(r.get("region").get("county").isNull()).isTrue();
    assertThat(r.get("region").get("code").asText()).isEqualTo("370200");
    assertThat(r.get("region").get("resolved_by").asText()).isEqualTo("agency name");
    assertThat(r.get("level").asText()).isEqualTo("prefecture");
    assertThat(r.get("category").asText()).isEqualTo("healthcare_security");
    assertThat(r.get("scope").asText()).isEqualTo("agency");
    assertThat(r.get("metrics").size()).isEqualTo(200);
    assertThat(r.get("metrics").get("t3.new_received.total").asInt()).isEqualTo(21);
    assertThat(r.get("metrics").get("t3.new_received.total").isIntegralNumber()).isTrue();
    assertThat(r.get("warnings").isArray()).isTrue();
  }

  @Test
  void aFailedFileIsAnErrorLineAndTheRunGoesOnWithExitStatus1() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.txt"));
    Path good = dir.resolve("003.txt");
    Files.write(good, Fixtures.seed("003_095ad78399e2aa03.txt"));
    Path absent = dir.resolve("absent.txt");
    Run run = run("parse", empty.toString(), absent.toString(), good.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.lines()).hasSize(3);
    assertThat(run.lines().get(0).get("error").asText()).isEqualTo("empty file");
    assertThat(run.lines().get(1).get("error").asText()).startsWith("cannot read file");
    assertThat(run.lines().get(2).get("metrics").get("t3.granted.total").asInt()).isEqualTo(1);
  }

  @Test
  void blankAndMissingAreNullInMetricsAndNamedInWarnings() throws Exception {
    String text = Fixtures.seedText("000_6cbbeb53464e9ccf.txt").replace("行政强制 | 0 |", "行政强制 | — |");
    Path file = dir.resolve("blank.txt");
    Files.writeString(file, text);
    JsonNode r = run("parse", "--lineage", file.toString()).lines().get(0);

    assertThat(r.get("metrics").get("t2.coercion.decisions").isNull()).isTrue();
    assertThat(r.get("blank").get(0).asText()).isEqualTo("t2.coercion.decisions");
    assertThat(r.get("warnings").toString()).contains("t2.coercion");
    JsonNode lineage = r.get("lineage").get("t3.granted.total");
    assertThat(lineage.get("row_label").asText()).isEqualTo("(一)予以公开");
    assertThat(lineage.get("column").asText()).isEqualTo("总计");
    assertThat(lineage.get("raw").asText()).isEqualTo("2");
  }
}
