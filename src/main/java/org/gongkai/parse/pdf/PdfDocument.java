package org.gongkai.parse.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.gongkai.parse.DocumentLimits;
import org.gongkai.parse.UnreadableReportException;
import org.gongkai.parse.table.Labels;
import org.gongkai.parse.table.Token;
import org.gongkai.parse.text.Layout;
import org.gongkai.parse.text.SourceDocument;
import org.gongkai.parse.text.TextTokenizer;

/**
 * A PDF with a text layer, read with PDFBox from glyph positions: prose as lines, and every table drawn with
 * ruling lines as a grid, one line per grid row with an empty token for each empty cell, so blank cells keep their
 * column as in HTML. Running headers, footers and page numbers are dropped. Tables without ruling lines come out
 * as lines of text and are read like a text extraction.
 */
public final class PdfDocument implements SourceDocument {

  private static final String LAYOUT = "pdf";
  private static final int MAX_CAUSE = 80;
  private static final Pattern PAGE_NUMBER = Pattern.compile(
      "^[-—–\\s]*(?:第\\s*)?\\d{1,4}\\s*(?:页)?(?:\\s*/\\s*(?:共\\s*)?\\d{1,4}\\s*页?)?[-—–\\s]*$"
          + "|^(?:page\\s*)?\\d{1,4}(?:\\s*(?:of|/)\\s*\\d{1,4})?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  // how far apart (points) the same header may stand on two pages
  private static final float RUNNING_Y = 4f;

  private final List<String> lines = new ArrayList<>();
  private final List<List<Token>> rows = new ArrayList<>();
  private final String title;

  private PdfDocument(List<PageLayout.Item> items, String title) {
    this.title = title;
    for (PageLayout.Item item : items) {
      int line = lines.size() + 1;
      lines.add(item.text());
      if (item.cells() == null) {
        rows.add(null);
        continue;
      }
      List<Token> row = new ArrayList<>();
      for (RuledTable.CellText cell : item.cells()) {
        Token token = Labels.classify(cell.text(), line);
        // a label spanning rows labels each of them; a value belongs to its first row (as in HtmlDocument)
        if (!cell.continued() || token.kind() == Token.Kind.LABEL) {
          row.add(token);
        }
      }
      rows.add(row);
    }
  }

  /**
   * @throws UnreadableReportException encrypted, damaged, too many pages, or no text layer (a scan)
   */
  public static SourceDocument read(byte[] bytes, DocumentLimits limits) throws UnreadableReportException {
    try (PDDocument pdf = Loader.loadPDF(bytes, "", null, null,
        MemoryUsageSetting.setupMixed(limits.maxMemoryBytes()).streamCache)) {
      int pages = pdf.getNumberOfPages();
      if (pages > limits.maxPages()) {
        throw new UnreadableReportException("too many pages: " + pages + " (limit " + limits.maxPages() + ")");
      }
      if (pages == 0) {
        throw new UnreadableReportException("damaged PDF: no pages");
      }
      List<List<Glyph>> glyphs = GlyphCollector.collect(pdf);
      if (glyphs.stream().flatMap(List::stream).allMatch(g -> g.text().isBlank())) {
        throw new UnreadableReportException("no text layer (scanned)");
      }
      List<PageLayout.Item> items = new ArrayList<>();
      for (int p = 0; p < glyphs.size(); p++) {
        PDPage page = pdf.getPage(p);
        items.addAll(PageLayout.items(p, page.getCropBox().getHeight(), glyphs.get(p), RulingCollector.collect(page)));
      }
      String title = pdf.getDocumentInformation().getTitle();
      return new PdfDocument(withoutRunningText(items, pages), title == null || title.isBlank() ? null : title);
    } catch (InvalidPasswordException e) {
      throw new UnreadableReportException("encrypted PDF");
    } catch (IOException | RuntimeException e) {
      throw new UnreadableReportException("damaged PDF: " + cause(e));
    }
  }

  /**
   * Drops page numbers and the header and footer lines repeated in the margins of several pages. A repeated line
   * stands at the same height on each page: a title printed just below a header that repeats it (a browser
   * prints the page's title there) is not running text.
   */
  private static List<PageLayout.Item> withoutRunningText(List<PageLayout.Item> items, int pages) {
    Map<String, List<PageLayout.Item>> margin = new HashMap<>();
    for (PageLayout.Item item : items) {
      if (item.inMargin()) {
        margin.computeIfAbsent(runningKey(item.text()), k -> new ArrayList<>()).add(item);
      }
    }
    int repeated = Math.max(2, (pages + 1) / 2);
    List<PageLayout.Item> kept = new ArrayList<>();
    for (PageLayout.Item item : items) {
      boolean running = item.inMargin() && (PAGE_NUMBER.matcher(item.text().trim()).matches()
          || margin.get(runningKey(item.text())).stream().filter(o -> Math.abs(o.y() - item.y()) <= RUNNING_Y)
              .map(PageLayout.Item::page).distinct().count() >= repeated);
      if (!running) {
        kept.add(item);
      }
    }
    return kept;
  }

  // headers differ only in their page numbers
  private static String runningKey(String text) {
    return DIGITS.matcher(Labels.squeeze(text)).replaceAll("#");
  }

  private static String cause(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
        .orElse(e.getClass().getSimpleName());
    return message.length() <= MAX_CAUSE ? message : message.substring(0, MAX_CAUSE) + "…";
  }

  @Override
  public List<String> lines() {
    return lines;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public Cells cells(int from, int to) {
    List<Token> tokens = new ArrayList<>();
    for (int i = from; i < to; i++) {
      List<Token> row = rows.get(i);
      if (row != null) {
        tokens.addAll(row);
        tokens.add(Token.rowEnd(i + 1));
      }
    }
    if (!tokens.isEmpty()) {
      return new Cells(tokens, true, LAYOUT);
    }
    // no ruled table in the section: its lines are words and numbers set apart, as in a text extraction
    return new Cells(TextTokenizer.tokenize(lines.subList(from, to), from + 1, Layout.PLAIN), false, LAYOUT);
  }
}
