package org.gongkai.parse.text;

import java.util.List;
import org.gongkai.parse.table.Token;

/**
 * A report after decoding, in the one shape the parser reads: text lines (for headings and metadata) and the cells
 * of any range of them. Text extractions, HTML pages, PDF and Word files become one of these.
 */
public interface SourceDocument {

  /** The document's lines in reading order; a table row is one line. */
  List<String> lines();

  /** The cells of lines {@code [from, to)}. */
  Cells cells(int from, int to);

  /** A title the document declares outside its text (an HTML page's title), or null. */
  default String title() {
    return null;
  }

  /**
   * @param rowStructured each source row is one table row (empty cells are blanks at their position)
   * @param layout        recorded in lineage
   */
  record Cells(List<Token> tokens, boolean rowStructured, String layout) {
  }
}
