package org.gongkai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.MetricDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's own guarantees: determinism, the identities of clean reports, anomalies where recorded. */
class CorpusGeneratorTest {

  private static final MetricCatalog CATALOG = MetricCatalog.standard();
  private static final Pattern STATED = Pattern.compile("收到政府信息公开申请(\\d+)件");

  @TempDir
  Path tmp;

  @Test
  void sameSeedSameBytesAndTruthOtherSeedDiffers() throws IOException {
    GeneratedCorpus a = GeneratedCorpus.generate(tmp.resolve("a"), 120, 42, 0.2);
    GeneratedCorpus b = GeneratedCorpus.generate(tmp.resolve("b"), 120, 42, 0.2);
    GeneratedCorpus c = GeneratedCorpus.generate(tmp.resolve("c"), 120, 43, 0.2);

    assertThat(Files.readAllBytes(b.dir().resolve("truth.jsonl")))
        .isEqualTo(Files.readAllBytes(a.dir().resolve("truth.jsonl")));
    assertThat(files(b.dir())).isEqualTo(files(a.dir()));
    for (JsonNode t : a.truth()) {
      assertThat(b.bytes(t)).as(t.get("file").asText()).isEqualTo(a.bytes(t));
    }
    assertThat(Files.readAllBytes(c.dir().resolve("truth.jsonl")))
        .isNotEqualTo(Files.readAllBytes(a.dir().resolve("truth.jsonl")));
    assertThat(c.truth().get(0).get("agency")).isNotEqualTo(a.truth().get(0).get("agency"));
  }

  @Test
  void writesTheFilesTheTruthNamesInFoldersOfAThousand() throws IOException {
    GeneratedCorpus corpus = GeneratedCorpus.generate(tmp, 50, 1, 0.05);
    assertThat(corpus.truth()).hasSize(50);
    List<String> names = corpus.truth().stream().map(t -> t.get("file").asText()).toList();
    assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("files/000/r0000\\d\\d\\.(txt|html)"));
    assertThat(files(corpus.dir())).containsExactlyInAnyOrderElementsOf(names);

    CorpusGenerator.Naming naming = new CorpusGenerator.Naming(100_000);
    assertThat(naming.file(0, "txt")).isEqualTo("files/000/r000000.txt");
    assertThat(naming.file(12_345, "html")).isEqualTo("files/012/r012345.html");
    assertThat(naming.file(99_999, "txt")).isEqualTo("files/099/r099999.txt");
    assertThat(new CorpusGenerator.Naming(2_000_000).file(1_234_567, "txt")).isEqualTo("files/1234/r1234567.txt");
  }

  @Test
  void everyIdentityHoldsWithoutAnomaliesAndCarryOverIsContinuous() {
    GeneratedCorpus corpus = GeneratedCorpus.generate(tmp, 700, 7, 0);
    Map<String, Map<Integer, Map<String, BigDecimal>>> byAgency = new HashMap<>();
    Set<String> agencyYears = new HashSet<>();
    for (JsonNode t : corpus.truth()) {
      String file = t.get("file").asText();
      Map<String, BigDecimal> cells = GeneratedCorpus.cells(t);
      assertThat(t.get("anomalies")).as(file).isEmpty();
      assertThat(t.get("duplicate_of").isNull()).as(file).isTrue();
      assertThat(cells.keySet()).as(file).containsExactlyElementsOf(
          CATALOG.metrics(t.get("format").asText()).stream().map(MetricDef::key).toList());
      assertThat(identities(t).check(cells)).as(file).isEmpty();
      assertThat(agencyYears.add(t.get("agency").asText() + "/" + t.get("year").asInt()))
          .as("one report per agency and year: %s", file).isTrue();
      byAgency.computeIfAbsent(t.get("agency").asText(), k -> new HashMap<>()).put(t.get("year").asInt(), cells);
      // a blank is a 0 left unfilled
      BigDecimal received = cells.get("t3.new_received.total") == null ? BigDecimal.ZERO
          : cells.get("t3.new_received.total");
      Matcher m = STATED.matcher(corpus.text(t));
      while (m.find()) {
        assertThat(new BigDecimal(m.group(1))).as(file).isEqualByComparingTo(received);
      }
    }
    int pairs = 0;
    for (Map<Integer, Map<String, BigDecimal>> years : byAgency.values()) {
      for (var e : years.entrySet()) {
        Map<String, BigDecimal> before = years.get(e.getKey() - 1);
        if (before != null) {
          pairs++;
          assertThat(new Identities(CATALOG, "2021").carryOver(before, e.getValue())).isEmpty();
        }
      }
    }
    assertThat(pairs).isGreaterThan(500);
  }

  @Test
  void recordedAnomaliesAreInThePrintedFiguresAndNothingElseIsWrong() {
    GeneratedCorpus corpus = GeneratedCorpus.generate(tmp, 600, 11, 0.5);
    Map<String, JsonNode> byFile = new HashMap<>();
    Map<String, JsonNode> originals = new HashMap<>();
    corpus.truth().forEach(t -> byFile.put(t.get("file").asText(), t));
    corpus.truth().stream().filter(t -> t.get("duplicate_of").isNull())
        .forEach(t -> originals.put(t.get("agency").asText() + "/" + t.get("year").asInt(), t));
    Set<String> types = new HashSet<>();
    int anomalous = 0;
    for (JsonNode t : corpus.truth()) {
      String file = t.get("file").asText();
      Map<String, BigDecimal> cells = GeneratedCorpus.cells(t);
      List<String> broken = identities(t).check(cells).stream().map(Identities.Violation::type).toList();
      JsonNode previous = originals.get(t.get("agency").asText() + "/" + (t.get("year").asInt() - 1));
      List<String> carry = previous == null ? List.of() : identities(t)
          .carryOver(GeneratedCorpus.cells(previous), cells).stream().map(Identities.Violation::type).toList();
      if (t.get("anomalies").isEmpty()) {
        assertThat(broken).as(file).isEmpty();
        assertThat(carry).as(file).isEmpty();
        continue;
      }
      anomalous++;
      assertThat(t.get("anomalies")).as(file).hasSize(1);
      JsonNode anomaly = t.get("anomalies").get(0);
      AnomalyType type = AnomalyType.of(anomaly.get("type").asText());
      types.add(type.id());
      List<String> involved = new ArrayList<>();
      anomaly.get("cells").forEach(c -> involved.add(c.asText()));
      assertThat(involved).as(file).isNotEmpty().allMatch(cells::containsKey);
      assertThat(involved).as("anomalous cells are printed, never blank: %s", file)
          .allSatisfy(k -> assertThat(cells.get(k)).isNotNull());
      switch (type) {
        case IDENTITY_BROKEN, ROW_TOTAL_WRONG, RESULTS_TOTAL_WRONG, T4_SUM_OFF_BY_ONE ->
            assertThat(broken).as(file).isNotEmpty().containsOnly(type.id());
        case CARRY_OVER_DISCONTINUITY -> {
          assertThat(broken).as(file).isEmpty();
          assertThat(carry).as(file).isNotEmpty().containsOnly(type.id());
        }
        case TEXT_TABLE_MISMATCH -> {
          assertThat(broken).as(file).isEmpty();
          Matcher m = STATED.matcher(corpus.text(t));
          assertThat(m.find()).as(file).isTrue();
          assertThat(new BigDecimal(m.group(1))).as(file).isNotEqualByComparingTo(
              cells.get("t3.new_received.total"));
        }
        case DUPLICATE_CONFLICTING -> {
          assertThat(broken).as(file).isEmpty();
          JsonNode original = byFile.get(t.get("duplicate_of").asText());
          assertThat(original).as(file).isNotNull();
          assertThat(original.get("agency")).isEqualTo(t.get("agency"));
          assertThat(original.get("year")).isEqualTo(t.get("year"));
          Map<String, BigDecimal> before = GeneratedCorpus.cells(original);
          assertThat(involved).as(file).allSatisfy(k ->
              assertThat(cells.get(k)).isNotEqualByComparingTo(before.get(k)));
        }
      }
      if (type == AnomalyType.ROW_TOTAL_WRONG || type == AnomalyType.T4_SUM_OFF_BY_ONE) {
        List<String> wrongTotals = new ArrayList<>();
        identities(t).check(cells).forEach(v -> wrongTotals.addAll(v.cells()));
        assertThat(involved).as(file).containsAll(wrongTotals);
      }
    }
    assertThat(types).containsExactlyInAnyOrder(java.util.Arrays.stream(AnomalyType.values())
        .map(AnomalyType::id).toArray(String[]::new));
    assertThat(anomalous).isBetween(250, 350);
  }

  private static Identities identities(JsonNode t) {
    return new Identities(CATALOG, t.get("format").asText());
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("files"))) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    }
  }
}
