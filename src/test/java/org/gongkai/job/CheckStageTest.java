package org.gongkai.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.check.RuleCatalog;
import org.junit.jupiter.api.Test;

/** The cells the cross-report rules read, named from the catalogs (no Spark). */
class CheckStageTest {

  @Test
  void theRulesReadTheCarryOverRowsTableTwosRegulationCountsAndTheirMeasures() {
    List<String> keys = Arrays.stream(CheckStage.cellKeys(RuleCatalog.standard()).split(", "))
        .map(k -> k.substring(1, k.length() - 1)).toList();
    // 14 carry-over cells, 6 regulation counts (2021's two rows of table 2), 5 more measures
    assertThat(keys).hasSize(25).doesNotHaveDuplicates()
        .allMatch(k -> MetricCatalog.standard().allKeys().contains(k));
    // every applicant column of both carry-over rows
    assertThat(keys.stream().filter(k -> k.startsWith("t3.carried_over."))).hasSize(7);
    assertThat(keys.stream().filter(k -> k.startsWith("t3.carried_forward."))).hasSize(7);
    assertThat(keys).anyMatch(k -> k.startsWith("t2.") && k.endsWith(".in_force"))
        .anyMatch(k -> k.startsWith("t2.") && k.endsWith(".issued"))
        .anyMatch(k -> k.startsWith("t2.") && k.endsWith(".repealed"));
    // the measures named in gongkai/rules.yaml
    assertThat(keys).contains("t3.new_received.total", "t3.results_total.total", "t4.review.total",
        "t4.litigation_direct.total", "t4.litigation_after_review.total");
    // and nothing else: no other row of table 3
    assertThat(keys).doesNotContain("t3.granted.total", "t3.new_received.natural_person");
  }
}
