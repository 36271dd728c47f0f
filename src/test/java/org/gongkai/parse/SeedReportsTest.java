package org.gongkai.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.gongkai.Fixtures;
import org.gongkai.catalog.MetricDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every cell of every seed, against figures read by hand from the seeds' text (src/test/resources/expected). */
class SeedReportsTest {

  private static final ReportParser PARSER = new ReportParser();
  static final java.util.List<String> SEEDS = Fixtures.SEEDS;

  @ParameterizedTest
  @FieldSource("SEEDS")
  void everyCellIsExactlyAsPrinted(String seed) throws Exception {
    JsonNode expected = expected(seed);
    Report report = PARSER.parse(Fixtures.seed(seed), seed);

    assertThat(report.agency()).isEqualTo(expected.get("agency").asText());
    assertThat(report.year()).isEqualTo(expected.get("year").asInt());
    assertThat(report.format()).isEqualTo(expected.get("format").asText());
    assertThat(report.contactPhone()).isEqualTo(expected.get("contact_phone").isNull()
        ? null : expected.get("contact_phone").asText());

    Set<String> nonzero = new HashSet<>();
    expected.get("nonzero").fieldNames().forEachRemaining(nonzero::add);
    assertThat(report.cells()).hasSize(200);
    for (MetricDef def : PARSER.catalog().metrics("2021")) {
      Cell cell = report.cell(def.key());
      BigDecimal want = nonzero.contains(def.key())
          ? new BigDecimal(expected.get("nonzero").get(def.key()).asText()) : BigDecimal.ZERO;
      assertThat(cell.status()).as(def.key()).isEqualTo(Cell.Status.VALUE);
      assertThat(cell.value()).as(def.key()).isEqualByComparingTo(want);
      assertThat(cell.lineage().line()).as(def.key() + " line").isPositive();
    }
    // every key named in the expectations exists in the catalog: a typo cannot pass silently
    assertThat(report.cellMap().keySet()).containsAll(nonzero);
    assertThat(report.warnings()).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("SEEDS")
  void rowsAreFoundByLabelExceptWhereTheSourceOmitsIt(String seed) throws Exception {
    JsonNode expected = expected(seed);
    Set<String> byOrder = new HashSet<>();
    if (expected.has("by_order")) {
      expected.get("by_order").forEach(n -> byOrder.add("t3." + n.asText()));
    }
    Report report = PARSER.parse(Fixtures.seed(seed), seed);
    for (Cell cell : report.cells()) {
      if (!cell.key().startsWith("t3.")) {
        continue;
      }
      String row = cell.key().substring(0, cell.key().lastIndexOf('.'));
      assertThat(cell.lineage().rowBasis()).as(cell.key())
          .isEqualTo(byOrder.contains(row) ? "order" : "label");
      assertThat(cell.lineage().rowLabel() == null).as(cell.key()).isEqualTo(byOrder.contains(row));
    }
  }

  private static JsonNode expected(String seed) throws IOException {
    String name = "expected/" + seed.replace(".txt", ".yaml");
    return new ObjectMapper(new YAMLFactory()).readTree(Fixtures.bytes(name));
  }
}
