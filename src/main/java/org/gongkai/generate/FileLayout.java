package org.gongkai.generate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The shapes a report file takes in a crawled corpus (the five seed layouts, HTML pages and printed PDFs). */
enum FileLayout {
  /** An HTML table flattened by a crawler: one table row per line, cells split by "|" (seed 000). */
  PIPE("pipe", true),
  /** A Word export: each cell on a line starting with a tab, rows split by empty lines (seeds 001, 003). */
  TAB("tab", true),
  /** One cell per line ending with " |", some row labels lost (seed 002). */
  CELLS("cells", false),
  /** PDF text: numbers split by spaces, labels wrapped, a row's numbers split over lines (seed 004). */
  PDF("pdf", false),
  HTML_UTF8("html-utf8", true),
  HTML_GB18030("html-gb18030", true),
  /** A web page printed to PDF with collapsed borders: one ruled grid, tables running over page breaks. */
  PRINTED_RULED("pdf-ruled", true),
  /** A web page printed to PDF with cell spacing: every cell its own box, the ruling lines in close pairs. */
  PRINTED_BOXED("pdf-boxed", true),
  /** A fixed-width page printed to PDF: the tables wider than the page, row labels cut at its left edge. */
  PRINTED_CLIPPED("pdf-clipped", true);

  private final String id;
  private final boolean emptyCells;

  FileLayout(String id, boolean emptyCells) {
    this.id = id;
    this.emptyCells = emptyCells;
  }

  String id() {
    return id;
  }

  /** Whether the layout keeps cell boundaries, so that an empty cell is seen as a blank. */
  boolean emptyCells() {
    return emptyCells;
  }

  boolean html() {
    return this == HTML_UTF8 || this == HTML_GB18030;
  }

  /** A real PDF file (the {@code pdf} layout is a PDF's extracted text). */
  boolean printed() {
    return this == PRINTED_RULED || this == PRINTED_BOXED || this == PRINTED_CLIPPED;
  }

  String extension() {
    return html() ? "html" : printed() ? "pdf" : "txt";
  }

  Charset charset() {
    return this == HTML_GB18030 ? Charset.forName("GB18030") : StandardCharsets.UTF_8;
  }

  static FileLayout of(String id) {
    return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown layout " + id));
  }
}
