package org.gongkai.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.gongkai.Fixtures;
import org.junit.jupiter.api.Test;

/** Bad input yields a clear reason or named warnings: never an exception trace, never invented numbers. */
class MalformedInputTest {

  private static final ReportParser PARSER = new ReportParser();

  @Test
  void emptyFile() {
    assertThatThrownBy(() -> PARSER.parse(new byte[0], "empty.txt"))
        .isInstanceOf(UnreadableReportException.class).hasMessage("empty file");
    assertThatThrownBy(() -> PARSER.parse(" \n\t\n".getBytes(StandardCharsets.UTF_8), "blank.txt"))
        .isInstanceOf(UnreadableReportException.class).hasMessage("empty file");
  }

  @Test
  void binaryGarbage() {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    assertThatThrownBy(() -> PARSER.parse(garbage, "garbage.bin"))
        .isInstanceOf(UnreadableReportException.class).hasMessageStartingWith("binary content");
  }

  @Test
  void aFileIsReadByItsContentNotItsExtension() {
    byte[] pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> PARSER.parse(pdf, "report.txt"))
        .isInstanceOf(UnreadableReportException.class).hasMessageStartingWith("damaged PDF: ");
  }

  @Test
  void aPageWithoutAReportIsNotAReportFullOfNulls() {
    String news = "市医保局召开2024年度工作会议\n会议于2024年3月5日召开，共有120人参加。\n联系电话：0532-85770107\n";
    assertThatThrownBy(() -> PARSER.parse(news.getBytes(StandardCharsets.UTF_8), "news.txt"))
        .isInstanceOf(UnreadableReportException.class).hasMessage("no standard tables found");
  }

  @Test
  void table3CutOffHalfWayKeepsWhatWasPrintedAndNamesWhatIsMissing() throws Exception {
    String seed = "003_095ad78399e2aa03.txt";
    String text = Fixtures.seedText(seed);
    // cut inside table 3, right after the row 4.保护第三方合法权益 (row 8 of 25)
    String cut = text.substring(0, text.indexOf("\t5.属于三类内部事务信息"));
    Report report = PARSER.parse(cut.getBytes(StandardCharsets.UTF_8), "cut.txt");

    assertThat(report.value("t3.new_received.total")).isEqualByComparingTo("1");
    assertThat(report.value("t3.denied.third_party_rights.total")).isEqualByComparingTo("0");
    assertThat(report.cell("t3.denied.internal_affairs.total").status()).isEqualTo(Cell.Status.MISSING);
    assertThat(report.cell("t3.results_total.total").value()).isNull();
    assertThat(report.cell("t4.review.total").status()).isEqualTo(Cell.Status.MISSING);
    long missingT3 = report.cells().stream().filter(c -> c.key().startsWith("t3.") && c.isMissing()).count();
    assertThat(missingT3).isEqualTo(17 * 7);
    assertThat(report.warnings())
        .contains("t3.denied.internal_affairs (不予公开 5.属于三类内部事务信息): not found, 7 cells null")
        .contains("t3.carried_forward (四、结转下年度继续办理): not found, 7 cells null")
        .anyMatch(w -> w.startsWith("表4 ") && w.contains("section heading not found"));
  }

  @Test
  void blanksAreBlankNotZero() throws Exception {
    String seed = "000_6cbbeb53464e9ccf.txt";
    String text = Fixtures.seedText(seed)
        .replace("行政强制 | 0 |", "行政强制 | — |")
        .replace("(七)总计 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |", "(七)总计 | 2 | / | 无 | - | 0 |  | 2 |");
    Report report = PARSER.parse(text.getBytes(StandardCharsets.UTF_8), seed);

    assertThat(report.cell("t2.coercion.decisions").status()).isEqualTo(Cell.Status.BLANK);
    assertThat(report.cell("t2.coercion.decisions").value()).isNull();
    assertThat(report.cell("t2.coercion.decisions").raw()).isEqualTo("—");
    assertThat(report.cell("t3.results_total.commercial").isBlank()).isTrue();
    assertThat(report.cell("t3.results_total.research").isBlank()).isTrue();
    assertThat(report.cell("t3.results_total.social_welfare").isBlank()).isTrue();
    assertThat(report.value("t3.results_total.legal_service")).isEqualByComparingTo("0");
    // an empty cell inside a row-structured table is a blank at its position, not a shift of the row
    assertThat(report.cell("t3.results_total.other_org").isBlank()).isTrue();
    assertThat(report.value("t3.results_total.total")).isEqualByComparingTo("2");
    assertThat(report.warnings()).contains("t2.coercion (行政强制): left blank in the report: decisions '—'");
  }

  @Test
  void fullWidthDigitsAndThousandsSeparators() throws Exception {
    String seed = "000_6cbbeb53464e9ccf.txt";
    String text = Fixtures.seedText(seed)
        .replace("行政处罚 | 11 |", "行政处罚 | １,２３４ |")
        .replace("行政事业性收费 | 0 |", "行政事业性收费 | 12.5 |");
    Report report = PARSER.parse(text.getBytes(StandardCharsets.UTF_8), seed);
    assertThat(report.value("t2.penalty.decisions")).isEqualByComparingTo("1234");
    assertThat(report.value("t2.fees.amount")).isEqualByComparingTo("12.5");
  }

  @Test
  void valuesThatDoNotFillTheRowAreLeftUnreadNotShifted() throws Exception {
    // PDF text where one number of a row was lost: the row cannot be aligned, so it is not read at all
    String seed = "004_46f3e938f0b9fe4b.txt";
    String text = Fixtures.seedText(seed).replace("2.重复申请 0 0 0 0 0 0 0", "2.重复申请 0 0 0 0 0 0");
    Report report = PARSER.parse(text.getBytes(StandardCharsets.UTF_8), seed);
    assertThat(report.cell("t3.not_processed.duplicate.total").isMissing()).isTrue();
    assertThat(report.value("t3.not_processed.publication.total")).isEqualByComparingTo("0");
    assertThat(report.warnings()).anyMatch(w -> w.contains("6 values") && w.contains("重复申请"));
  }

  @Test
  void aNumberTooLargeForTheValueTypeIsAnInvalidCellNotAValue() throws Exception {
    String seed = "000_6cbbeb53464e9ccf.txt";
    String huge = "99999999999999999999999999";
    String text = Fixtures.seedText(seed).replace("行政处罚 | 11 |", "行政处罚 | " + huge + " |");
    Report report = PARSER.parse(text.getBytes(StandardCharsets.UTF_8), seed);

    Cell cell = report.cell("t2.penalty.decisions");
    assertThat(cell.status()).isEqualTo(Cell.Status.INVALID);
    assertThat(cell.value()).isNull();
    assertThat(cell.raw()).isEqualTo(huge);
    assertThat(report.warnings()).anyMatch(w -> w.startsWith("t2.penalty.decisions: number out of range: " + huge));
    // the largest number the type holds is a value
    assertThat(Cell.fits(new java.math.BigDecimal("99999999999999.9999"))).isTrue();
    assertThat(Cell.fits(new java.math.BigDecimal("100000000000000"))).isFalse();
    // nor one that rounding to the scale carries past it
    assertThat(Cell.fits(new java.math.BigDecimal("99999999999999.99999"))).isFalse();
    // the rest of the report is read as before
    assertThat(report.value("t3.new_received.total")).isNotNull();
    assertThat(report.cells().stream().filter(c -> c.status() == Cell.Status.INVALID)).hasSize(1);
  }

  @Test
  void aUtf8FileCutInsideACharacterIsReadWithAWarningNotTakenForBinary() throws Exception {
    String seed = "000_6cbbeb53464e9ccf.txt";
    byte[] whole = Fixtures.seed(seed);
    // end the file one byte into the last three-byte character of its text
    int last = whole.length - 1;
    while ((whole[last] & 0xF0) != 0xE0) {
      last--;
    }
    byte[] cut = java.util.Arrays.copyOf(whole, last + 1);
    Report report = PARSER.parse(cut, seed);

    assertThat(report.encoding()).isEqualTo("UTF-8");
    assertThat(report.warnings()).anyMatch(w -> w.startsWith("the file ends inside a UTF-8 character (cut off?)"));
    assertThat(report.value("t3.new_received.total")).isEqualByComparingTo(PARSER.parse(whole, seed)
        .value("t3.new_received.total"));
  }
}
