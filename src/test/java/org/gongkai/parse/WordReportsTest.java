package org.gongkai.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.gongkai.Fixtures;
import org.gongkai.HostileFiles;
import org.gongkai.parse.word.WordDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Word files: LibreOffice renderings of HTML fixtures read to exactly the cells of their HTML sources, and hostile
 * or foreign files refused with a reason.
 */
class WordReportsTest {

  private static final ReportParser PARSER = new ReportParser();
  private static final String[] SOURCES = {"html_2021_utf8_site", "html_2019_gb18030", "html_2021_gbk_gb2312"};

  private static byte[] office(String file) {
    return HostileFiles.office(file);
  }

  @ParameterizedTest
  @CsvSource({
      "html_2021_utf8_site, docx", "html_2019_gb18030, docx", "html_2021_gbk_gb2312, docx",
      "html_2021_utf8_site, doc", "html_2019_gb18030, doc", "html_2021_gbk_gb2312, doc"})
  void eachRenderingReadsLikeItsHtmlSource(String base, String extension) throws Exception {
    Report word = PARSER.parse(office(base + "." + extension), base + "." + extension);
    Report html = PARSER.parse(Fixtures.seed(base + ".html"), base + ".html");

    ExpectedReport.of(base + ".html").assertMatches(word);
    assertThat(word.agency()).isEqualTo(html.agency());
    assertThat(word.year()).isEqualTo(html.year());
    assertThat(word.format()).isEqualTo(html.format());
    assertThat(word.formatBasis()).isEqualTo(html.formatBasis());
    assertThat(word.contactPhone()).isEqualTo(html.contactPhone());
    Map<String, Cell> expected = html.cellMap();
    assertThat(word.cellMap().keySet()).containsExactlyElementsOf(expected.keySet());
    word.cellMap().forEach((key, cell) -> {
      Cell want = expected.get(key);
      assertThat(cell.status()).as(key).isEqualTo(want.status());
      assertThat(cell.raw()).as(key).isEqualTo(want.raw());
      if (want.value() == null) {
        assertThat(cell.value()).as(key).isNull();
      } else {
        assertThat(cell.value()).as(key).isEqualByComparingTo(want.value());
      }
    });
    assertThat(word.layout()).isEqualTo(extension);
    assertThat(word.encoding()).isNull();
  }

  @Test
  void theTitleIsTheFilesOwnProperty() throws Exception {
    assertThat(WordDocument.docx(office("html_2021_gbk_gb2312.docx"), DocumentLimits.STANDARD).title())
        .isEqualTo("象山县民政局2022年政府信息公开工作年度报告");
    assertThat(WordDocument.doc(office("html_2019_gb18030.doc"), DocumentLimits.STANDARD).title())
        .isEqualTo("奉化区住房和城乡建设局2020年政府信息公开工作年度报告");
    // the breadcrumb LibreOffice kept above the title is not part of the agency's name
    Report report = PARSER.parse(office("html_2021_gbk_gb2312.docx"), "x.docx");
    assertThat(report.title()).isEqualTo("象山县民政局2022年政府信息公开工作年度报告");
    assertThat(report.agencyBasis()).isEqualTo("title");
  }

  @Test
  void aTableInsideATableOnlyLaysOutThePage() throws Exception {
    // the gbk page is one layout table holding the report's five tables: their rows are grid lines, not one cell
    var lines = WordDocument.docx(office("html_2021_gbk_gb2312.docx"), DocumentLimits.STANDARD).lines();
    assertThat(lines).contains("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", "五、存在的主要问题及改进情况");
    assertThat(lines).noneMatch(l -> l.contains("二、主动公开政府信息情况") && l.contains("信息内容"));
  }

  @Test
  void aZipBombIsRefusedBeforeItIsInflated() throws Exception {
    byte[] bomb = HostileFiles.zipBomb("word/document.xml", 200L * 1024 * 1024);
    assertThat(bomb.length).isLessThan(400 * 1024);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
        assertThatThrownBy(() -> PARSER.parse(bomb, "bomb.docx"))
            .isInstanceOf(UnreadableReportException.class)
            .hasMessageStartingWith("zip bomb: word/document.xml inflates more than 100 times")
            .hasMessageContaining("limits.minInflateRatio"));
  }

  @Test
  void aPackageUnpackingBeyondTheLimitIsRefused() {
    // no part is suspiciously compressible here: only the total counts
    ReportParser strict = new ReportParser(org.gongkai.catalog.MetricCatalog.standard(),
        new DocumentLimits(500, 20_000, 0, 64L * 1024 * 1024));
    assertThatThrownBy(() -> strict.parse(office("html_2021_utf8_site.docx"), "big.docx"))
        .isInstanceOf(UnreadableReportException.class)
        .hasMessage("zip bomb: unpacks to more than 20000 bytes (limits.maxUnpackedBytes)");
  }

  @Test
  void externalEntitiesAreNeverResolved() throws Exception {
    byte[] docx = HostileFiles.xxeDocx(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PARSER.parse(docx, "xxe.docx"))
        .isInstanceOf(UnreadableReportException.class)
        .hasMessageStartingWith("unsafe XML: DOCTYPE/entity declarations are not allowed")
        .satisfies(e -> assertThat(stackText(e)).doesNotContain("root:"));
    // the second line of defence, should the package check ever miss one: POI's own parser does not resolve it
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      assertThat(doc.getParagraphs()).noneMatch(p -> p.getText().contains("root:"));
    } catch (Exception e) {
      assertThat(stackText(e)).doesNotContain("root:");
    }
  }

  @Test
  void aDoctypeInAMediaPartIsFoundToo() throws Exception {
    // a relationship can make any part the main document, media included
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(office("html_2021_utf8_site.docx")));
         ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(content);
      }
      zip.putNextEntry(new ZipEntry("word/media/image9.png"));
      zip.write("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
          .getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> PARSER.parse(out.toByteArray(), "media.docx"))
        .isInstanceOf(UnreadableReportException.class)
        .hasMessage("unsafe XML: DOCTYPE/entity declarations are not allowed (in word/media/image9.png)");
  }

  @Test
  void aDoctypeInAUtf16PartIsFoundToo() throws Exception {
    byte[] docx = HostileFiles.xxeDocx(StandardCharsets.UTF_16LE);
    assertThatThrownBy(() -> PARSER.parse(docx, "xxe16.docx"))
        .isInstanceOf(UnreadableReportException.class)
        .hasMessageStartingWith("unsafe XML: DOCTYPE/entity declarations are not allowed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"xl/workbook.xml", "readme.txt"})
  void aZipThatIsNotAWordDocumentIsNamed(String onlyEntry) throws Exception {
    byte[] zip = HostileFiles.zip(onlyEntry, "<workbook/>".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> PARSER.parse(zip, "report.docx"))
        .isInstanceOf(UnreadableReportException.class)
        .hasMessage("unsupported format: zip package without word/document.xml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CONTENTS", "Workbook"})
  void anOle2FileWithoutAWordStreamIsNamed(String stream) throws Exception {
    assertThatThrownBy(() -> PARSER.parse(HostileFiles.ole2Without(stream), "report.doc"))
        .isInstanceOf(UnreadableReportException.class)
        .hasMessage("unsupported format: OLE2 file without a Word document stream");
  }

  @Test
  void aTruncatedDocxIsDamaged() {
    byte[] full = office("html_2021_utf8_site.docx");
    byte[] half = Arrays.copyOf(full, full.length / 2);
    assertThatThrownBy(() -> PARSER.parse(half, "cut.docx"))
        .isInstanceOf(UnreadableReportException.class).hasMessageStartingWith("damaged docx: ");
  }

  @Test
  void randomBytesAfterTheZipSignatureAreDamaged() {
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, junk, 0, 4);
    assertThatThrownBy(() -> PARSER.parse(junk, "junk.docx"))
        .isInstanceOf(UnreadableReportException.class).hasMessageStartingWith("damaged docx: ");
  }

  @Test
  void aTruncatedDocIsDamaged() {
    byte[] full = office("html_2021_utf8_site.doc");
    byte[] cut = Arrays.copyOf(full, full.length / 3);
    assertThatThrownBy(() -> PARSER.parse(cut, "cut.doc"))
        .isInstanceOf(UnreadableReportException.class).hasMessageStartingWith("damaged doc: ");
  }

  private static String stackText(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }
}
