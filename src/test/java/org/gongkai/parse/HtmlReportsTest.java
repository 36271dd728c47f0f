package org.gongkai.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gongkai.Fixtures;
import org.gongkai.parse.html.HtmlDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** HTML pages as government sites publish them: grids with rowspan/colspan, chrome, encodings, both templates. */
class HtmlReportsTest {

  private static final ReportParser PARSER = new ReportParser();

  @ParameterizedTest
  @CsvSource({
      "html_2021_utf8_site.html, UTF-8, template citation",
      "html_2021_gbk_gb2312.html, GB18030, template citation",
      "html_2021_utf8_wrong_meta.html, UTF-8, table shape",
      "html_2019_gb18030.html, GB18030, template citation"})
  void everyCellOfEachFixture(String file, String encoding, String formatBasis) throws Exception {
    Report report = PARSER.parse(Fixtures.seed(file), file);
    ExpectedReport.of(file).assertMatches(report);
    assertThat(report.encoding()).isEqualTo(encoding);
    assertThat(report.formatBasis()).isEqualTo(formatBasis);
    assertThat(report.layout()).isEqualTo("html");
  }

  @Test
  void nbspIsBlankNotZeroAndNamedInWarnings() throws Exception {
    Report report = PARSER.parse(Fixtures.seed("html_2021_utf8_site.html"), "site");
    Cell blank = report.cell("t3.denied.enforcement_files.total");
    assertThat(blank.status()).isEqualTo(Cell.Status.BLANK);
    assertThat(blank.value()).isNull();
    assertThat(report.cell("t3.denied.enforcement_files.natural_person").value()).isEqualByComparingTo("0");
    assertThat(report.warnings())
        .contains("t3.denied.enforcement_files (不予公开 7.属于行政执法案卷): left blank in the report: total");
  }

  @Test
  void rowspanLabelsAndBrokenWordsStillNameTheirRows() throws Exception {
    Report report = PARSER.parse(Fixtures.seed("html_2021_utf8_site.html"), "site");
    assertThat(report.cells().stream().filter(c -> c.key().startsWith("t3.")))
        .allSatisfy(c -> assertThat(c.lineage().rowBasis()).as(c.key()).isEqualTo("label"));
    assertThat(report.cell("t3.denied.third_party_rights.natural_person").lineage().rowLabel())
        .isEqualTo("4.保护第三方合法权益");
    // the fee column spans three grid columns: one value, not three
    assertThat(report.value("t2.fees.amount")).isEqualByComparingTo("1.25");
  }

  @Test
  void pageChromeIsNotPartOfTheReport() {
    String html = new String(Fixtures.seed("html_2021_utf8_site.html"), java.nio.charset.StandardCharsets.UTF_8);
    List<String> lines = new HtmlDocument(html).lines();
    assertThat(lines).noneMatch(l -> l.contains("浙ICP备") || l.contains("当前位置") || l.contains("长者模式"));
    assertThat(lines).anyMatch(l -> l.contains("宁海县交通运输局2023年政府信息公开工作年度报告"));
  }

  @Test
  void invisibleCharactersInACellAreDroppedAsJsoupDropsThem() {
    String html = "<html><body><table><tr><td>12&shy;3</td><td>申请&#8203;人</td><td> 4\t5 </td></tr>"
        + "<tr><td>6</td><td>7</td><td>8</td></tr></table></body></html>";
    assertThat(new HtmlDocument(html).lines()).containsExactly("123 | 申请人 | 4 5", "6 | 7 | 8");
  }

  @Test
  void theFooterPhoneIsNotTheContactPhone() throws Exception {
    String html = new String(Fixtures.seed("html_2021_utf8_site.html"), java.nio.charset.StandardCharsets.UTF_8)
        .replace("，电话：0574-65512345", "");
    Report report = PARSER.parse(html.getBytes(java.nio.charset.StandardCharsets.UTF_8), "site");
    assertThat(report.contactPhone()).isNull();
  }

  @Test
  void mislabelledCharsetsDecodeCorrectly() throws Exception {
    Report wrongMeta = PARSER.parse(Fixtures.seed("html_2021_utf8_wrong_meta.html"), "c");
    assertThat(wrongMeta.agency()).isEqualTo("慈溪市教育局");
    assertThat(wrongMeta.warnings()).contains("declared charset gb2312 but the bytes are UTF-8; read as UTF-8");

    // the reverse: GB18030 bytes under a utf-8 declaration
    String html = new String(Fixtures.seed("html_2019_gb18030.html"), Charset.forName("GB18030"))
        .replace("charset=gbk", "charset=utf-8");
    Report report = PARSER.parse(html.getBytes(Charset.forName("GB18030")), "d");
    assertThat(report.agency()).isEqualTo("奉化区住房和城乡建设局");
    assertThat(report.value("t3.new_received.total")).isEqualByComparingTo("38");
    assertThat(report.warnings()).anyMatch(w -> w.startsWith("declared charset utf-8 but the bytes are GB18030"));
  }

  @Test
  void the2019TemplateIsRecognisedByItsTablesWhenTheCitationIsAbsent() throws Exception {
    String html = new String(Fixtures.seed("html_2019_gb18030.html"), Charset.forName("GB18030"))
        .replace("（国办公开办函〔2019〕60号）", "");
    Report report = PARSER.parse(html.getBytes(Charset.forName("GB18030")), "d");
    assertThat(report.format()).isEqualTo("2019");
    assertThat(report.formatBasis()).isEqualTo("table shape");
    assertThat(report.value("t3.other_processing.all.total")).isEqualByComparingTo("4");
    assertThat(report.value("t2.procurement.amount")).isEqualByComparingTo("125");
    assertThat(report.warnings()).contains("t2.procurement.amount: 1,250,000 printed in 元, stored as 125 万元");
  }

  @ParameterizedTest
  @ValueSource(strings = {"html_news_page.html", "html_list_page.html"})
  void pagesWithoutAReportAreNotReports(String file) {
    assertThatThrownBy(() -> PARSER.parse(Fixtures.seed(file), file))
        .isInstanceOf(UnreadableReportException.class).hasMessage("no standard tables found");
  }

  /** Change any one number in a fixture's tables and exactly that cell changes. */
  @ParameterizedTest
  @CsvSource({
      "html_2021_utf8_site.html, UTF-8, 197",
      "html_2021_gbk_gb2312.html, GBK, 200",
      "html_2019_gb18030.html, GB18030, 196"})
  void eachTableNumberDrivesExactlyOneCell(String file, String charset, int numbers) throws Exception {
    Charset cs = Charset.forName(charset);
    String html = new String(Fixtures.seed(file), cs);
    Map<String, Cell> original = PARSER.parse(Fixtures.seed(file), file).cellMap();
    Matcher m = Pattern.compile("(<td[^>]*>)(\\d+)(</td>)").matcher(html);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(2), m.end(2)});
    }
    assertThat(spans).hasSize(numbers);
    for (int i = 0; i < spans.size(); i++) {
      String marker = Integer.toString(8000 + i);
      String mutated = html.substring(0, spans.get(i)[0]) + marker + html.substring(spans.get(i)[1]);
      Map<String, Cell> cells = PARSER.parse(mutated.getBytes(cs), file).cellMap();
      List<String> changed = new ArrayList<>();
      cells.forEach((key, cell) -> {
        Cell before = original.get(key);
        boolean same = cell.value() == null ? before.value() == null
            : before.value() != null && cell.value().compareTo(before.value()) == 0;
        if (!same) {
          changed.add(key);
        }
      });
      assertThat(changed).as("number #%d", i).hasSize(1);
      assertThat(cells.get(changed.get(0)).value()).isEqualByComparingTo(marker);
    }
  }
}
