package org.gongkai.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A corpus generated into a folder for a test, with its ground truth read back. */
record GeneratedCorpus(Path dir, List<JsonNode> truth) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static GeneratedCorpus generate(Path dir, int reports, long seed, double anomalyRate) {
    return generate(dir, reports, seed, anomalyRate, null);
  }

  /** @param layouts the layouts' weights, null for corpus.yaml's mix */
  static GeneratedCorpus generate(Path dir, int reports, long seed, double anomalyRate,
                                  Map<String, Double> layouts) {
    try {
      new CorpusGenerator().generate(new CorpusGenerator.Options(reports, "2019-2025", dir, seed, anomalyRate,
          layouts));
      List<JsonNode> truth = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("truth.jsonl"))) {
        truth.add(JSON.readTree(line));
      }
      return new GeneratedCorpus(dir, List.copyOf(truth));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file's cells as the truth records them: null for a cell printed blank. */
  static Map<String, BigDecimal> cells(JsonNode record) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    record.get("cells").fields().forEachRemaining(e ->
        out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().decimalValue()));
    return out;
  }

  byte[] bytes(JsonNode record) {
    try {
      return Files.readAllBytes(dir.resolve(record.get("file").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's text with line breaks removed, so that wrapped sentences read whole. */
  String text(JsonNode record) {
    return new String(bytes(record), Charset.forName(record.get("encoding").asText())).replace("\n", "");
  }
}
