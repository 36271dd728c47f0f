package org.gongkai.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {

  private final MetricCatalog catalog = MetricCatalog.standard();

  @Test
  void the2021TemplateHas200CellsInTemplateOrder() {
    List<MetricDef> defs = catalog.metrics("2021");
    assertThat(defs).hasSize(10 + 25 * 7 + 15);
    assertThat(defs.get(0).key()).isEqualTo("t2.regulations.issued");
    assertThat(defs.stream().filter(d -> d.table().equals("t3")).map(MetricDef::row).distinct().toList())
        .containsExactly("new_received", "carried_over", "granted", "partially_granted", "denied.state_secret",
            "denied.prohibited_by_law", "denied.three_securities_one_stability", "denied.third_party_rights",
            "denied.internal_affairs", "denied.process_information", "denied.enforcement_files",
            "denied.administrative_query", "unable.not_held", "unable.needs_creation", "unable.unclear",
            "not_processed.complaint", "not_processed.duplicate", "not_processed.publication",
            "not_processed.excessive", "not_processed.confirmation", "other_processing.no_correction",
            "other_processing.unpaid_fee", "other_processing.other", "results_total", "carried_forward");
    assertThat(defs.stream().filter(d -> d.row().equals("granted")).map(MetricDef::column).toList())
        .containsExactly("natural_person", "commercial", "research", "social_welfare", "legal_service",
            "other_org", "total");
  }

  @Test
  void contractKeysOfTables2And4() {
    assertThat(catalog.metrics("2021").stream().map(MetricDef::key).toList())
        .contains("t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force",
            "t2.normative_documents.issued", "t2.normative_documents.repealed", "t2.normative_documents.in_force",
            "t2.licensing.decisions", "t2.penalty.decisions", "t2.coercion.decisions", "t2.fees.amount",
            "t4.review.upheld", "t4.review.corrected", "t4.review.other", "t4.review.pending", "t4.review.total",
            "t4.litigation_direct.total", "t4.litigation_after_review.pending");
  }

  @Test
  void feesAreDecimalTenThousandYuanAndCountsArePieces() {
    MetricDef fees = catalog.metrics("2021").stream().filter(d -> d.key().equals("t2.fees.amount")).findFirst()
        .orElseThrow();
    assertThat(fees.unit()).isEqualTo("万元");
    assertThat(fees.decimal()).isTrue();
    assertThat(catalog.metrics("2021").stream().filter(d -> d.table().equals("t3")))
        .allSatisfy(d -> assertThat(d.decimal()).isFalse());
  }

  @Test
  void the2019TemplateHasOneOtherProcessingRowAndItsOwnTable2() {
    List<String> keys = catalog.metrics("2019").stream().map(MetricDef::key).toList();
    assertThat(keys).contains("t3.other_processing.all.total", "t2.regulations.made", "t2.procurement.amount")
        .doesNotContain("t3.other_processing.other.total", "t2.regulations.issued");
    assertThat(keys.stream().filter(k -> k.startsWith("t3.")).count()).isEqualTo(23 * 7);
  }

  @Test
  void everyRowCarriesItsFormatVersions() {
    MetricDef shared = catalog.metrics("2019").stream().filter(d -> d.key().equals("t3.granted.total"))
        .findFirst().orElseThrow();
    assertThat(shared.formats()).containsExactlyInAnyOrder("2019", "2021");
  }

  @Test
  void theDataDictionaryInTheDocsIsCurrent() throws Exception {
    String committed = java.nio.file.Files.readString(java.nio.file.Path.of("notebooks", "data-dictionary.md"));
    assertThat(committed).as("regenerate with: jobs/gongkai dictionary > notebooks/data-dictionary.md")
        .isEqualTo(org.gongkai.cli.DictionaryCommand.render(catalog));
  }
}
