package org.gongkai.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.gongkai.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every cell of every seed, against figures read by hand from the seeds' text (src/test/resources/expected). */
class SeedReportsTest {

  private static final ReportParser PARSER = new ReportParser();
  static final java.util.List<String> SEEDS = Fixtures.SEEDS;

  @ParameterizedTest
  @FieldSource("SEEDS")
  void everyCellIsExactlyAsPrinted(String seed) throws Exception {
    Report report = PARSER.parse(Fixtures.seed(seed), seed);
    ExpectedReport.of(seed).assertMatches(report);
    assertThat(report.cells()).hasSize(200);
    // the only doubt in the seeds is where 新华区 is: three cities have one
    assertThat(report.warnings()).allMatch(w -> w.startsWith("region ambiguous: 130105 河北省石家庄市新华区"));
  }

  @ParameterizedTest
  @FieldSource("SEEDS")
  void rowsAreFoundByLabelExceptWhereTheSourceOmitsIt(String seed) throws Exception {
    JsonNode expected = ExpectedReport.of(seed).node();
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

  @ParameterizedTest
  @FieldSource("SEEDS")
  void theSameTextInGbkParsesToTheSameCells(String seed) throws Exception {
    byte[] gbk = Fixtures.seedText(seed).getBytes(Charset.forName("GBK"));
    Report report = PARSER.parse(gbk, seed);
    assertThat(report.encoding()).isEqualTo("GB18030");
    ExpectedReport.of(seed).assertMatches(report);
    assertThat(PARSER.parse(Fixtures.seed(seed), seed).encoding()).isEqualTo(StandardCharsets.UTF_8.name());
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "000_6cbbeb53464e9ccf.txt | 浙江省 | 台州市 | 路桥区 | 331004 | ",
      "001_39611b7db0bb4983.txt | 山东省 | 济宁市 | 嘉祥县 | 370829 | ",
      "002_b3fef9399b69f476.txt | 山东省 | 青岛市 |        | 370200 | ",
      "003_095ad78399e2aa03.txt | 湖南省 | 湘潭市 | 湘潭县 | 430321 | ",
      "004_46f3e938f0b9fe4b.txt |        |        |        |        | 130105 130902 410402"})
  void eachSeedIsPlacedOrHonestlyAmbiguous(String seed, String province, String prefecture, String county,
                                           String code, String candidates) throws Exception {
    Report report = PARSER.parse(Fixtures.seed(seed), seed);
    org.gongkai.region.Region r = report.region();
    assertThat(r.province()).isEqualTo(province);
    assertThat(r.prefecture()).isEqualTo(prefecture);
    assertThat(r.county()).isEqualTo(county);
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.candidates()).containsExactlyElementsOf(
        candidates == null ? java.util.List.of() : java.util.List.of(candidates.split(" ")));
    assertThat(report.category()).isEqualTo("healthcare_security");
    assertThat(report.scope()).isEqualTo("agency");
    assertThat(report.level()).isEqualTo(seed.startsWith("002") ? "prefecture" : "county");
  }
}
