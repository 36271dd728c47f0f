package org.gongkai.parse.text;

/**
 * How a text extraction laid a table out. Crawlers produce these from HTML and Word tables and from PDF text.
 */
public enum Layout {
  /** Cells separated by "|", one table row per line or one cell per line (HTML flattened). */
  PIPE("pipe", true),
  /** Each cell on a line starting with a tab, rows separated by empty lines (Word tables). */
  TAB("tab", true),
  /** Words and numbers separated by spaces, labels wrapped over lines (PDF text). */
  PLAIN("plain", false);

  private final String id;
  private final boolean cellDelimited;

  Layout(String id, boolean cellDelimited) {
    this.id = id;
    this.cellDelimited = cellDelimited;
  }

  public String id() {
    return id;
  }

  /** Whether the layout marks cell boundaries, so that an empty cell can be seen. */
  public boolean cellDelimited() {
    return cellDelimited;
  }

  /** The layout most lines of a section follow. */
  public static Layout detect(java.util.List<String> lines) {
    int nonEmpty = 0;
    int pipes = 0;
    int tabs = 0;
    for (String line : lines) {
      if (line.isBlank() && !line.startsWith("\t")) {
        continue;
      }
      nonEmpty++;
      if (line.contains("|")) {
        pipes++;
      } else if (line.startsWith("\t")) {
        tabs++;
      }
    }
    if (nonEmpty == 0) {
      return PLAIN;
    }
    if (pipes * 10 >= nonEmpty * 3) {
      return PIPE;
    }
    if (tabs * 10 >= nonEmpty * 3) {
      return TAB;
    }
    return PLAIN;
  }
}
