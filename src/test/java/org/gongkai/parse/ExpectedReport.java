package org.gongkai.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.gongkai.Fixtures;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.MetricDef;

/**
 * Expected figures of a corpus file (src/test/resources/expected/NAME.yaml): metadata, the non-zero cells and the
 * blank ones; every other cell of the template version is printed as 0.
 */
final class ExpectedReport {

  private final JsonNode node;

  private ExpectedReport(JsonNode node) {
    this.node = node;
  }

  static ExpectedReport of(String corpusFile) {
    String name = "expected/" + corpusFile.substring(0, corpusFile.lastIndexOf('.')) + ".yaml";
    try {
      return new ExpectedReport(new ObjectMapper(new YAMLFactory()).readTree(Fixtures.bytes(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode node() {
    return node;
  }

  /** Asserts metadata and every cell of the report's template version. */
  void assertMatches(Report report) {
    assertThat(report.agency()).isEqualTo(node.get("agency").asText());
    assertThat(report.year()).isEqualTo(node.get("year").asInt());
    assertThat(report.format()).isEqualTo(node.get("format").asText());
    JsonNode phone = node.get("contact_phone");
    assertThat(report.contactPhone()).isEqualTo(phone == null || phone.isNull() ? null : phone.asText());

    JsonNode nonzero = node.get("nonzero");
    Set<String> blank = new HashSet<>();
    if (node.has("blank")) {
      node.get("blank").forEach(n -> blank.add(n.asText()));
    }
    Set<String> named = new HashSet<>(blank);
    nonzero.fieldNames().forEachRemaining(named::add);

    var defs = MetricCatalog.standard().metrics(report.format());
    assertThat(report.cells()).hasSize(defs.size());
    for (MetricDef def : defs) {
      Cell cell = report.cell(def.key());
      if (blank.contains(def.key())) {
        assertThat(cell.status()).as(def.key()).isEqualTo(Cell.Status.BLANK);
        assertThat(cell.value()).as(def.key()).isNull();
        continue;
      }
      BigDecimal want = nonzero.has(def.key()) ? new BigDecimal(nonzero.get(def.key()).asText()) : BigDecimal.ZERO;
      assertThat(cell.status()).as(def.key()).isEqualTo(Cell.Status.VALUE);
      assertThat(cell.value()).as(def.key()).isEqualByComparingTo(want);
      assertThat(cell.lineage().line()).as(def.key() + " line").isPositive();
    }
    // every key the expectations name exists in the catalog: a typo cannot pass silently
    assertThat(report.cellMap().keySet()).containsAll(named);
  }
}
