package org.gongkai.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gongkai.Fixtures;
import org.gongkai.parse.Cell;
import org.gongkai.parse.Report;
import org.gongkai.parse.ReportParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each report rule with a minimal failing case and the unchanged seed as its passing case. */
class CheckEngineTest {

  private static final ReportParser PARSER = new ReportParser();
  private static final CheckEngine ENGINE = CheckEngine.standard();
  private static final String SEED = "000_6cbbeb53464e9ccf.txt";
  private static final String NEW_ROW = "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |";
  private static final String TOTAL_ROW = "(七)总计 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |";
  private static final String GRANTED_ROW = "(一)予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |";
  private static final String T4_ROW = "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";

  private static List<Anomaly> check(String from, String to) throws Exception {
    String text = Fixtures.seedText(SEED);
    assertThat(text).contains(from);
    Report report = PARSER.parse(text.replace(from, to).getBytes(StandardCharsets.UTF_8), SEED);
    return ENGINE.check(report);
  }

  private static List<String> rules(List<Anomaly> anomalies) {
    return anomalies.stream().map(a -> a.ruleId() + " " + a.cells().get(0).key()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"000_6cbbeb53464e9ccf.txt", "001_39611b7db0bb4983.txt", "002_b3fef9399b69f476.txt",
      "003_095ad78399e2aa03.txt", "004_46f3e938f0b9fe4b.txt", "html_2021_utf8_site.html", "html_2019_gb18030.html",
      "html_2021_gbk_gb2312.html", "html_2021_utf8_wrong_meta.html"})
  void consistentReportsHaveNoAnomaly(String file) throws Exception {
    assertThat(ENGINE.check(PARSER.parse(Fixtures.seed(file), file))).isEmpty();
  }

  @Test
  void identityPerColumn() throws Exception {
    List<Anomaly> found = check(NEW_ROW, "一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |");
    assertThat(rules(found)).containsExactlyInAnyOrder(
        "t3.identity t3.new_received.natural_person", "t3.identity t3.new_received.total",
        "text.table t3.new_received.total");
    Anomaly a = found.stream().filter(x -> x.cells().get(0).key().equals("t3.new_received.total")
        && x.ruleId().equals("t3.identity")).findFirst().orElseThrow();
    assertThat(a.severity()).isEqualTo("error");
    assertThat(a.actual()).isEqualByComparingTo("3");
    assertThat(a.expected()).isEqualByComparingTo("2");
    assertThat(a.difference()).isEqualByComparingTo("1");
    assertThat(a.cells()).extracting(Anomaly.Involved::key).containsExactly("t3.new_received.total",
        "t3.carried_over.total", "t3.results_total.total", "t3.carried_forward.total");
    assertThat(a.cells().get(0).line()).isPositive();
    assertThat(a.messageZh()).startsWith("第一项加第二项之和");
  }

  @Test
  void cellsInAnotherOrderOrLeftOutGiveTheSameFindings() throws Exception {
    String text = Fixtures.seedText(SEED).replace(NEW_ROW, "一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |");
    Report report = PARSER.parse(text.getBytes(StandardCharsets.UTF_8), SEED);
    List<Anomaly> inOrder = ENGINE.check(report);
    assertThat(inOrder).hasSize(3);
    // a report built elsewhere need not list its cells in catalog order, nor all of them
    List<Cell> reversed = new ArrayList<>(report.cells());
    Collections.reverse(reversed);
    assertThat(ENGINE.check(withCells(report, reversed))).isEqualTo(inOrder);
    List<Cell> withoutCarriedOver = report.cells().stream()
        .filter(c -> !c.key().equals("t3.carried_over.total")).toList();
    // without one cell of the total column's identity, that equation is not evaluated; the others still are
    assertThat(rules(ENGINE.check(withCells(report, withoutCarriedOver)))).containsExactlyInAnyOrder(
        "t3.identity t3.new_received.natural_person", "text.table t3.new_received.total");
  }

  private static Report withCells(Report r, List<Cell> cells) {
    return new Report(r.source(), r.agency(), r.agencyBasis(), r.year(), r.yearBasis(), r.format(),
        r.formatBasis(), r.contactPhone(), r.region(), r.level(), r.category(), r.scope(), r.title(), r.encoding(),
        r.layout(), cells, r.warnings(), r.prose());
  }

  @Test
  void resultsTotal() throws Exception {
    List<Anomaly> found = check(GRANTED_ROW, "(一)予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |");
    assertThat(rules(found)).contains("t3.results_total t3.results_total.natural_person",
        "t3.results_total t3.results_total.total");
  }

  @Test
  void rowTotal() throws Exception {
    List<Anomaly> found = check(GRANTED_ROW, "(一)予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 5 |");
    assertThat(rules(found)).contains("t3.row_total t3.granted.total");
  }

  @Test
  void table4GroupTotal() throws Exception {
    List<Anomaly> found = check(T4_ROW, "1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    assertThat(rules(found)).containsExactly("t4.group_total t4.review.total");
  }

  @Test
  void blankTotalIsNotZeroButABlankPartIs() throws Exception {
    assertThat(rules(check(TOTAL_ROW, "(七)总计 | 2 | 0 | 0 | 0 | 0 | 0 | — |")))
        .contains("blank_total t3.results_total.total", "blank_total t3.results_total.total");
    // a blank total over parts that are all zero or blank is fine
    assertThat(check("3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "3.其他 | 0 | 0 | 0 | 0 | 0 | / | — |")).isEmpty();
    // a blank part counts as zero in the sums
    assertThat(check(GRANTED_ROW, "(一)予以公开 | 2 | — | 0 | 0 | 0 | 0 | 2 |")).isEmpty();
  }

  @Test
  void textAgainstTable() throws Exception {
    List<Anomaly> found = check("政府信息公开申请2件", "政府信息公开申请3件");
    assertThat(rules(found)).containsExactly("text.table t3.new_received.total");
    assertThat(found.get(0).severity()).isEqualTo("warning");
    assertThat(found.get(0).actual()).isEqualByComparingTo("3");
  }

  @Test
  void aStatementWrappedOverTwoLinesIsStillRead() throws Exception {
    List<Anomaly> found = check("政府信息公开申请2件", "政府信\n息公开申请3件");
    assertThat(rules(found)).containsExactly("text.table t3.new_received.total");
    assertThat(found.get(0).actual()).isEqualByComparingTo("3");
    assertThat(check("政府信息公开申请2件", "政府信\n息公开申请2件")).isEmpty();
  }

  @Test
  void impossibleValues() throws Exception {
    assertThat(rules(check("行政处罚 | 11 |", "行政处罚 | -1 |"))).containsExactly(
        "impossible.negative t2.penalty.decisions");
    assertThat(rules(check("行政处罚 | 11 |", "行政处罚 | 1.5 |"))).containsExactly(
        "impossible.fraction t2.penalty.decisions");
    List<Anomaly> exceeds = check(GRANTED_ROW, "(一)予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |");
    assertThat(rules(exceeds)).contains("impossible.exceeds_total t3.granted.natural_person",
        "impossible.exceeds_total t3.granted.total");
  }

  @Test
  void aCellTheParserCouldNotReadIsNotAnInconsistency() throws Exception {
    // the new_received row cut to six values: not read, so the identity is not evaluated for it
    assertThat(check(NEW_ROW, "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 2 |"))
        .noneMatch(a -> a.ruleId().equals("t3.identity"));
  }
}
