package org.gongkai.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.gongkai.Fixtures;
import org.gongkai.HostileFiles;
import org.gongkai.parse.pdf.PdfDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LibreOffice's PDF renderings of the HTML fixtures read to the same cells as the HTML pages themselves. */
class PdfReportsTest {

  private static final ReportParser PARSER = new ReportParser();
  private static final String OFFICE = "fixtures/office/";
  private static final String BROWSER = "fixtures/browser/";

  @ParameterizedTest
  @ValueSource(strings = {"html_2021_utf8_site", "html_2019_gb18030", "html_2021_gbk_gb2312"})
  void everyCellEqualsTheHtmlSource(String base) throws Exception {
    assertSameAsHtml(PARSER.parse(Fixtures.bytes(OFFICE + base + ".pdf"), base + ".pdf"), base);
  }

  /**
   * Chromium's "print to PDF" of the same pages: printed as they are (tables run over page breaks, so a page's
   * first row has no top line), and with cell spacing (every cell its own box, a gap between the boxes).
   */
  @ParameterizedTest
  @ValueSource(strings = {"printed_html_2021_utf8_site", "printed_html_2019_gb18030", "printed_html_2021_gbk_gb2312",
      "boxed_html_2021_utf8_site", "boxed_html_2019_gb18030", "boxed_html_2021_gbk_gb2312"})
  void aBrowserPrintedPageReadsToTheCellsOfItsHtml(String name) throws Exception {
    Report pdf = PARSER.parse(Fixtures.bytes(BROWSER + name + ".pdf"), name + ".pdf");
    assertThat(pdf.warnings()).noneMatch(w -> w.contains("not found") || w.contains("left unread"));
    assertSameAsHtml(pdf, name.substring(name.indexOf('_') + 1));
  }

  /**
   * A 960 px table centred on A4 by LibreOffice: the page edges cut both sides. A row whose label lost its first
   * characters (…法提供, …他处理, …计) is still read to its numbers; a row whose numbers the edge cut is left
   * unread, never read from the wrong columns.
   */
  @Test
  void aTableClippedByThePageEdgeGivesOnlyTheNumbersItShows() throws Exception {
    Report pdf = PARSER.parse(Fixtures.bytes(OFFICE + "clipped_html_2021_gbk_gb2312.pdf"), "clipped.pdf");
    Map<String, Cell> html = PARSER.parse(Fixtures.seed("html_2021_gbk_gb2312.html"), "x.html").cellMap();
    pdf.cellMap().forEach((key, cell) -> {
      if (cell.status() != Cell.Status.MISSING) {
        assertThat(cell.value() == null ? null : cell.value().stripTrailingZeros()).as(key)
            .isEqualTo(html.get(key).value() == null ? null : html.get(key).value().stripTrailingZeros());
      }
    });
    for (String row : new String[] {"t3.unable.not_held", "t3.not_processed.complaint",
        "t3.other_processing.no_correction", "t3.results_total", "t3.carried_forward"}) {
      assertThat(pdf.cell(row + ".total").status()).as(row).isEqualTo(Cell.Status.VALUE);
      assertThat(pdf.cell(row + ".natural_person").status()).as(row).isEqualTo(Cell.Status.VALUE);
    }
    assertThat(pdf.value("t3.results_total.total")).isEqualByComparingTo(html.get("t3.results_total.total").value());
    assertThat(pdf.cell("t3.new_received.total").status()).isEqualTo(Cell.Status.MISSING);
    assertThat(pdf.cell("t4.review.upheld").status()).isEqualTo(Cell.Status.MISSING);
    assertThat(pdf.agency()).isEqualTo("象山县民政局");
  }

  private static void assertSameAsHtml(Report pdf, String base) throws Exception {
    Report html = PARSER.parse(Fixtures.seed(base + ".html"), base + ".html");

    ExpectedReport.of(base + ".html").assertMatches(pdf);
    assertThat(pdf.layout()).isEqualTo("pdf");
    assertThat(pdf.encoding()).isNull();
    assertThat(pdf.agency()).isEqualTo(html.agency());
    assertThat(pdf.year()).isEqualTo(html.year());
    assertThat(pdf.format()).isEqualTo(html.format());
    assertThat(pdf.contactPhone()).isEqualTo(html.contactPhone());
    Map<String, Cell> htmlCells = html.cellMap();
    assertThat(pdf.cellMap().keySet()).isEqualTo(htmlCells.keySet());
    pdf.cellMap().forEach((key, cell) -> {
      Cell want = htmlCells.get(key);
      assertThat(cell.status()).as(key).isEqualTo(want.status());
      assertThat(cell.value() == null ? null : cell.value().stripTrailingZeros())
          .as(key).isEqualTo(want.value() == null ? null : want.value().stripTrailingZeros());
      assertThat(cell.lineage().rowBasis()).as(key).isEqualTo(want.lineage().rowBasis());
    });
  }

  @Test
  void anEmptyPageDoesNotShiftTheOthers() throws Exception {
    // a page without a content stream (a separator page) before the report: PDFBox's stripper skips it
    byte[] withBlank;
    try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(Fixtures.bytes(OFFICE + "html_2021_utf8_site.pdf"))) {
      doc.getPages().insertBefore(new PDPage(), doc.getPage(0));
      withBlank = save(doc);
    }
    Report report = PARSER.parse(withBlank, "blank-first.pdf");

    ExpectedReport.of("html_2021_utf8_site.html").assertMatches(report);
  }

  @Test
  void blankCellsKeepTheirColumn() throws Exception {
    Report report = PARSER.parse(Fixtures.bytes(OFFICE + "html_2021_utf8_site.pdf"), "site.pdf");
    assertThat(report.cell("t3.denied.enforcement_files.total").status()).isEqualTo(Cell.Status.BLANK);
    assertThat(report.value("t3.denied.enforcement_files.other_org")).isEqualByComparingTo("0");
    assertThat(report.cell("t3.denied.third_party_rights.natural_person").lineage().rowLabel())
        .isEqualTo("4.保护第三方合法权益");
  }

  @Test
  void aScanWithoutTextIsRefused() {
    assertThatThrownBy(() -> PARSER.parse(Fixtures.bytes(OFFICE + "scanned_html_2021_utf8_site.pdf"), "scan.pdf"))
        .isInstanceOf(UnreadableReportException.class).hasMessage("no text layer (scanned)");
  }

  @Test
  void tooManyPagesIsRefusedBeforeReadingThem() throws Exception {
    byte[] pdf = HostileFiles.longPdf(2000);
    long start = System.nanoTime();
    assertThatThrownBy(() -> PARSER.parse(pdf, "long.pdf"))
        .isInstanceOf(UnreadableReportException.class).hasMessage("too many pages: 2000 (limit 500)");
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(5_000);
  }

  @Test
  void aPasswordProtectedPdfIsRefused() throws Exception {
    byte[] pdf;
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
          new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      pdf = save(doc);
    }
    assertThatThrownBy(() -> PARSER.parse(pdf, "locked.pdf"))
        .isInstanceOf(UnreadableReportException.class).hasMessage("encrypted PDF");
  }

  @Test
  void damagedPdfsAreNamedWithTheirCause() {
    byte[] header = "%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> PARSER.parse(header, "cut.pdf"))
        .isInstanceOf(UnreadableReportException.class).hasMessageStartingWith("damaged PDF: ");
    byte[] real = Fixtures.bytes(OFFICE + "html_2021_utf8_site.pdf");
    byte[] truncated = Arrays.copyOf(real, real.length / 2);
    assertThatThrownBy(() -> PARSER.parse(truncated, "half.pdf"))
        .isInstanceOf(UnreadableReportException.class).hasMessageStartingWith("damaged PDF: ");
    byte[] noise = Arrays.copyOf("%PDF-1.4\n".getBytes(StandardCharsets.ISO_8859_1), 4096);
    new Random(7).nextBytes(noise);
    System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.ISO_8859_1), 0, noise, 0, 9);
    assertThatThrownBy(() -> PARSER.parse(noise, "noise.pdf"))
        .isInstanceOf(UnreadableReportException.class).hasMessageStartingWith("damaged PDF: ");
  }

  @Test
  void runningHeadersFootersAndPageNumbersAreDropped() throws Exception {
    byte[] pdf;
    try (PDDocument doc = new PDDocument()) {
      for (int i = 1; i <= 3; i++) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
          text(content, 740, "Agency annual report " + (2020 + i)); // a header that differs by a number only
          text(content, 400, "body " + i);
          text(content, 30, "- " + i + " -");
        }
      }
      pdf = save(doc);
    }
    assertThat(PdfDocument.read(pdf, DocumentLimits.STANDARD).lines()).containsExactly("body 1", "body 2", "body 3");
  }

  private static void text(PDPageContentStream content, float y, String text) throws IOException {
    content.beginText();
    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
    content.newLineAtOffset(72, y);
    content.showText(text);
    content.endText();
  }

  private static byte[] save(PDDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return out.toByteArray();
  }
}
