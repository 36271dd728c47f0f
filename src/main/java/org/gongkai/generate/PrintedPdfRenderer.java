package org.gongkai.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.gongkai.generate.Grid.Cell;
import org.gongkai.generate.Grid.Placed;
import org.gongkai.generate.Grid.Role;
import org.gongkai.generate.ReportDocument.Block;
import org.gongkai.generate.ReportDocument.Heading;
import org.gongkai.generate.ReportDocument.Paragraph;
import org.gongkai.generate.ReportDocument.Table;

/**
 * A report page printed to PDF, as a browser or an office suite prints it: text in an embedded CJK font (a subset
 * of WenQuanYi Micro Hei, in {@code gongkai/generate/fonts}), A4 pages, tables drawn as ruled grids that run over
 * page breaks. Three forms of the table borders:
 * <ul>
 *   <li>{@link Form#RULED}: collapsed borders, one shared grid; a table continued on the next page lacks the top
 *   line of its first row there (as Chromium prints it).</li>
 *   <li>{@link Form#BOXED}: cell spacing, every cell its own rectangle a few points from its neighbours and from
 *   the table's border (an HTML table with {@code cellspacing}).</li>
 *   <li>{@link Form#CLIPPED}: a table of fixed width wider than the page, its left side cut by the page edge: row
 *   labels lose their first characters (a 960 px layout table printed on A4).</li>
 * </ul>
 * The text of a cell wraps inside its box; labels of narrow columns break over several lines.
 */
final class PrintedPdfRenderer implements Renderer {

  enum Form { RULED, BOXED, CLIPPED }

  private static final String FONT = "gongkai/generate/fonts/wqy-microhei-subset.ttf";
  private static final byte[] FONT_BYTES = fontBytes();
  private static final float PAD = 2.5f;
  private static final float LEADING = 1.3f;

  private final Form form;
  private final Settings corpus;

  PrintedPdfRenderer(Form form, Settings corpus) {
    this.form = form;
    this.corpus = corpus;
  }

  private static byte[] fontBytes() {
    try (InputStream in = PrintedPdfRenderer.class.getClassLoader().getResourceAsStream(FONT)) {
      if (in == null) {
        throw new IllegalStateException("the generator's font is missing from the classpath: " + FONT);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] bytes(ReportDocument doc, java.nio.charset.Charset charset, SplittableRandom r) {
    try (PDDocument pdf = new PDDocument()) {
      PDType0Font font;
      try (InputStream in = new java.io.ByteArrayInputStream(FONT_BYTES)) {
        font = PDType0Font.load(pdf, in, true);
      }
      Style s = new Style(font, (float) Draws.between(r, 42, 62), (float) (10 + r.nextInt(3) * 0.5),
          (float) (9 + r.nextInt(4) * 0.5), form == Form.BOXED ? (float) (2 + r.nextInt(3) * 0.5) : 0f,
          (float) (0.5 + r.nextInt(3) * 0.25));
      Pages pages = new Pages(pdf, s);
      for (String line : doc.title()) {
        pages.centered(line, s.body + 5);
      }
      pages.gap(s.body);
      for (Block b : doc.blocks()) {
        if (b instanceof Heading h) {
          pages.gap(h.table() != null ? s.body * 0.8f : s.body * 0.3f);
          pages.paragraph(h.text(), s.body + (h.level() == 1 ? 1 : 0), 0);
        } else if (b instanceof Paragraph p) {
          pages.paragraph(p.text(), s.body, 2 * s.body);
        } else if (b instanceof Table t) {
          pages.gap(s.body * 0.3f);
          table(pages, t.grid(), s, r);
          pages.gap(s.body * 0.5f);
        }
      }
      if (Draws.chance(r, corpus.number("printed.runningText"))) {
        pages.runningText(doc.pageTitle(), doc.site());
      }
      pages.close();
      if (Draws.chance(r, corpus.number("printed.infoTitle"))) {
        pdf.getDocumentInformation().setTitle(doc.pageTitle());
      }
      // a fixed file identifier: PDFBox would otherwise make one from the clock (same seed, same bytes)
      org.apache.pdfbox.cos.COSArray id = new org.apache.pdfbox.cos.COSArray();
      byte[] key = java.nio.ByteBuffer.allocate(16).putLong(r.nextLong()).putLong(r.nextLong()).array();
      id.add(new org.apache.pdfbox.cos.COSString(key));
      id.add(new org.apache.pdfbox.cos.COSString(key));
      pdf.getDocument().getTrailer().setItem(org.apache.pdfbox.cos.COSName.ID, id);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Per-file choices: margins, type sizes, the cell spacing of boxed tables and the border width. */
  private record Style(PDType0Font font, float margin, float body, float cell, float spacing, float border) {

    float width(String text, float size) {
      try {
        return font.getStringWidth(text) / 1000f * size;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------- tables

  private void table(Pages pages, Grid grid, Style s, SplittableRandom r) throws IOException {
    List<List<Placed>> expanded = grid.expand();
    int n = grid.width();
    // each cell's grid position, from the expansion (a cell starts at its first non-continuation slot)
    List<Box> boxes = new ArrayList<>();
    for (int row = 0; row < grid.rows().size(); row++) {
      int col = 0;
      int[] taken = occupied(boxes, row, n);
      for (Cell c : grid.rows().get(row)) {
        while (col < n && taken[col] > 0) {
          col++;
        }
        boxes.add(new Box(c, row, col));
        col += c.colspan();
      }
    }
    float pageWidth = PDRectangle.A4.getWidth();
    float content = pageWidth - 2 * s.margin;
    float total = form == Form.CLIPPED ? content * (float) Draws.between(r, 118, 135) / 100f : content;
    float[] widths = columnWidths(boxes, n, total, s);
    float left = s.margin;
    if (form == Form.CLIPPED) {
      // right-aligned and wider than the page: the page edge cuts into the first column, at most far enough
      // to leave a label's last characters (a table whose first column holds figures is printed whole)
      boolean labels = boxes.stream().anyMatch(b -> b.col == 0 && b.cell.colspan() == 1
          && (b.cell.role() == Role.LABEL || b.cell.role() == Role.GROUP));
      float cut = labels ? widths[0] * (float) Draws.between(r, 15, 55) / 100f : 0;
      left = Math.max(pageWidth - s.margin - total, -cut);
      // never past the right margin: the figures stay on the page
      total = labels ? Math.min(total, pageWidth - s.margin - left) : content;
      widths = columnWidths(boxes, n, total, s);
    }
    float[] xs = new float[n + 1];
    xs[0] = left;
    for (int c = 0; c < n; c++) {
      xs[c + 1] = xs[c] + widths[c];
    }
    // row heights from the single-row cells; a spanning cell taller than its rows stretches its last row
    int rows = grid.rows().size();
    float[] heights = new float[rows];
    java.util.Arrays.fill(heights, s.cell * LEADING + 2 * PAD + s.spacing);
    for (Box b : boxes) {
      b.lines = wrap(b.cell.text(), xs[b.col + b.cell.colspan()] - xs[b.col] - 2 * PAD - s.spacing, s.cell, s);
      float need = b.lines.size() * s.cell * LEADING + 2 * PAD + s.spacing;
      if (b.cell.rowspan() == 1) {
        heights[b.row] = Math.max(heights[b.row], need);
      }
    }
    for (Box b : boxes) {
      if (b.cell.rowspan() > 1) {
        float have = 0;
        for (int i = b.row; i < b.row + b.cell.rowspan(); i++) {
          have += heights[i];
        }
        float need = b.lines.size() * s.cell * LEADING + 2 * PAD + s.spacing;
        if (need > have) {
          heights[b.row + b.cell.rowspan() - 1] += need - have;
        }
      }
    }
    // rows placed page by page: a row never splits, a spanning cell is drawn in each page's part of it
    float[] tops = new float[rows];
    int[] pageOf = new int[rows];
    float y = pages.y;
    int first = 0;
    List<int[]> parts = new ArrayList<>(); // first row, last row (exclusive), page
    for (int row = 0; row < rows; row++) {
      if (y - heights[row] < pages.bottom() && row > first) {
        parts.add(new int[] {first, row, pages.index()});
        pages.newPage();
        y = pages.y;
        first = row;
      }
      tops[row] = y;
      pageOf[row] = pages.index();
      y -= heights[row];
    }
    parts.add(new int[] {first, rows, pages.index()});
    pages.y = y;
    for (int[] part : parts) {
      drawPart(pages.stream(part[2]), boxes, xs, tops, heights, part[0], part[1], part[0] > 0, s, r);
    }
  }

  private static int[] occupied(List<Box> boxes, int row, int n) {
    int[] taken = new int[n];
    for (Box b : boxes) {
      if (b.row < row && b.row + b.cell.rowspan() > row) {
        for (int c = b.col; c < Math.min(n, b.col + b.cell.colspan()); c++) {
          taken[c] = 1;
        }
      }
    }
    return taken;
  }

  /** A cell at its grid position, with its text's lines once the column widths are known. */
  private static final class Box {
    final Cell cell;
    final int row;
    final int col;
    List<String> lines = List.of();

    Box(Cell cell, int row, int col) {
      this.cell = cell;
      this.row = row;
      this.col = col;
    }
  }

  /**
   * Column widths summing to {@code total}: value columns as wide as their widest figure or header word needs
   * (headers wrap), label columns sharing the rest by how much text they hold.
   */
  private static float[] columnWidths(List<Box> boxes, int n, float total, Style s) {
    float[] need = new float[n];
    boolean[] label = new boolean[n];
    float[] text = new float[n];
    for (Box b : boxes) {
      Role role = b.cell.role();
      float w = s.width(b.cell.text(), s.cell) + 2 * PAD + s.spacing;
      if (b.cell.colspan() == 1) {
        if (role == Role.VALUE) {
          need[b.col] = Math.max(need[b.col], w);
        } else if (role == Role.HEADER) {
          // a header word breaks every two characters at most
          need[b.col] = Math.max(need[b.col], s.width("商业", s.cell) + 2 * PAD + s.spacing);
        } else {
          label[b.col] = true;
          text[b.col] = Math.max(text[b.col], w);
        }
      }
    }
    float fixed = 0;
    float labels = 0;
    for (int c = 0; c < n; c++) {
      need[c] = Math.max(need[c], s.width("0000", s.cell) + 2 * PAD + s.spacing);
      if (label[c]) {
        labels += text[c];
      } else {
        fixed += need[c];
      }
    }
    float[] out = new float[n];
    float rest = Math.max(total - fixed, total * 0.3f);
    float scale = fixed + rest > total ? total / (fixed + rest) : 1f;
    float spareForValues = labels > 0 && labels < rest ? rest - labels : 0;
    int values = 0;
    for (int c = 0; c < n; c++) {
      values += label[c] ? 0 : 1;
    }
    for (int c = 0; c < n; c++) {
      if (label[c]) {
        float share = labels > 0 ? text[c] / labels : 1f / n;
        out[c] = (rest - spareForValues) * share * scale;
      } else {
        out[c] = (need[c] + (values > 0 ? spareForValues / values : 0)) * scale;
      }
    }
    return out;
  }

  private void drawPart(PDPageContentStream cs, List<Box> boxes, float[] xs, float[] tops, float[] heights,
                        int from, int to, boolean continued, Style s, SplittableRandom r) throws IOException {
    cs.setLineWidth(s.border);
    float half = s.spacing / 2;
    float partTop = tops[from];
    float partBottom = tops[to - 1] - heights[to - 1];
    if (form == Form.BOXED) {
      cs.addRect(xs[0] - half, partBottom - half, xs[xs.length - 1] - xs[0] + s.spacing, partTop - partBottom
          + s.spacing);
      cs.stroke();
    }
    boolean openTop = continued && form != Form.BOXED && r.nextBoolean();
    for (Box b : boxes) {
      int last = b.row + b.cell.rowspan() - 1;
      if (last < from || b.row >= to) {
        continue;
      }
      int top = Math.max(b.row, from);
      int bottom = Math.min(last, to - 1);
      float x0 = xs[b.col] + half;
      float x1 = xs[b.col + b.cell.colspan()] - half;
      float y0 = tops[top] - half;
      float y1 = tops[bottom] - heights[bottom] + half;
      if (form == Form.BOXED) {
        cs.addRect(x0, y1, x1 - x0, y0 - y1);
        cs.stroke();
      } else {
        line(cs, x0, y1, x1, y1);
        line(cs, x0, y0, x0, y1);
        line(cs, x1, y0, x1, y1);
        if (!(openTop && top == from)) {
          line(cs, x0, y0, x1, y0);
        }
      }
      if (b.row >= from) {
        text(cs, b, x0, x1, y0, tops, heights, s);
      }
    }
  }

  private static void line(PDPageContentStream cs, float x0, float y0, float x1, float y1) throws IOException {
    cs.moveTo(x0, y0);
    cs.lineTo(x1, y1);
    cs.stroke();
  }

  /** The cell's lines: values and headers centred, labels from the left; vertically centred in its rows. */
  private static void text(PDPageContentStream cs, Box b, float x0, float x1, float y0, float[] tops,
                           float[] heights, Style s) throws IOException {
    if (b.lines.isEmpty()) {
      return;
    }
    float height = 0;
    for (int i = b.row; i < b.row + b.cell.rowspan() && i < heights.length; i++) {
      height += heights[i];
    }
    float block = b.lines.size() * s.cell * LEADING;
    float baseline = y0 - (height - s.spacing - block) / 2 - s.cell * 1.05f;
    boolean centred = b.cell.role() != Role.LABEL && b.cell.role() != Role.NOTE;
    for (String whole : b.lines) {
      String line = whole;
      float at = centred ? (x0 + x1) / 2 - s.width(line, s.cell) / 2 : x0 + PAD;
      // beyond the page's left edge: the characters are cut, as a printer leaves them out
      while (at < 0 && !line.isEmpty()) {
        at += s.width(line.substring(0, 1), s.cell);
        line = line.substring(1);
      }
      if (line.isEmpty()) {
        baseline -= s.cell * LEADING;
        continue;
      }
      cs.beginText();
      cs.setFont(s.font, s.cell);
      cs.newLineAtOffset(at, baseline);
      cs.showText(line);
      cs.endText();
      baseline -= s.cell * LEADING;
    }
  }

  /** Breaks text into lines no wider than {@code width}, never inside a run of ASCII letters and digits. */
  static List<String> wrap(String text, float width, float size, Style s) {
    List<String> lines = new ArrayList<>();
    if (text.isEmpty()) {
      return lines;
    }
    StringBuilder line = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int end = i + 1;
      while (end < text.length() && word(text.charAt(end - 1)) && word(text.charAt(end))) {
        end++;
      }
      String piece = text.substring(i, end);
      if (line.length() > 0 && s.width(line + piece, size) > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(piece);
      i = end;
    }
    lines.add(line.toString());
    return lines;
  }

  private static boolean word(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == ',' || c == '-');
  }

  // ----------------------------------------------------------------------------------------------------- pages

  /** The pages being written: a cursor going down the current page, a new page when it reaches the bottom. */
  private static final class Pages {
    final PDDocument pdf;
    final Style s;
    final List<PDPageContentStream> streams = new ArrayList<>();
    float y;

    Pages(PDDocument pdf, Style s) throws IOException {
      this.pdf = pdf;
      this.s = s;
      newPage();
    }

    void newPage() throws IOException {
      PDPage page = new PDPage(PDRectangle.A4);
      pdf.addPage(page);
      streams.add(new PDPageContentStream(pdf, page));
      y = PDRectangle.A4.getHeight() - s.margin * 1.2f;
    }

    int index() {
      return streams.size() - 1;
    }

    PDPageContentStream stream(int page) {
      return streams.get(page);
    }

    float bottom() {
      return s.margin * 1.2f;
    }

    void gap(float h) {
      y -= h;
    }

    void centered(String text, float size) throws IOException {
      ensure(size * LEADING);
      float x = (PDRectangle.A4.getWidth() - s.width(text, size)) / 2;
      y -= size * LEADING;
      show(streams.get(index()), text, x, y, size);
    }

    /** Prose wrapped at the page width, its first line indented by {@code indent}. */
    void paragraph(String text, float size, float indent) throws IOException {
      float width = PDRectangle.A4.getWidth() - 2 * s.margin;
      List<String> lines = new ArrayList<>();
      String first = wrap(text, width - indent, size, s).get(0);
      lines.add(first);
      if (first.length() < text.length()) {
        lines.addAll(wrap(text.substring(first.length()), width, size, s));
      }
      for (int i = 0; i < lines.size(); i++) {
        ensure(size * LEADING);
        y -= size * LEADING;
        show(streams.get(index()), lines.get(i), s.margin + (i == 0 ? indent : 0), y, size);
      }
    }

    private void ensure(float h) throws IOException {
      if (y - h < bottom()) {
        newPage();
      }
    }

    /** The header and footer a browser prints: the page's title, the address, the page number. */
    void runningText(String title, String site) throws IOException {
      float size = 7.5f;
      int pages = streams.size();
      for (int p = 0; p < pages; p++) {
        PDPageContentStream cs = streams.get(p);
        float top = PDRectangle.A4.getHeight() - 18;
        String t = title.length() > 40 ? title.substring(0, 40) + "…" : title;
        show(cs, t, (PDRectangle.A4.getWidth() - s.width(t, size)) / 2, top, size);
        show(cs, "http://www." + Math.abs(site.hashCode() % 9000 + 1000) + ".gov.cn/xxgk/ndbg.html", 24, 14, size);
        String number = (p + 1) + "/" + pages;
        show(cs, number, PDRectangle.A4.getWidth() - 24 - s.width(number, size), 14, size);
      }
    }

    private void show(PDPageContentStream cs, String text, float x, float at, float size) throws IOException {
      cs.beginText();
      cs.setFont(s.font, size);
      cs.newLineAtOffset(x, at);
      cs.showText(text);
      cs.endText();
    }

    void close() throws IOException {
      for (PDPageContentStream cs : streams) {
        cs.close();
      }
    }
  }
}
