package org.gongkai.parse.text;

import java.util.ArrayList;
import java.util.List;
import org.gongkai.parse.table.Grid;
import org.gongkai.parse.table.Labels;
import org.gongkai.parse.table.Token;

/**
 * The lines of a document whose tables have a real structure (HTML, Word): prose lines, and one line per grid row
 * carrying that row's cells.
 */
public final class StructuredLines {

  private final List<String> lines = new ArrayList<>();
  // per line: the grid row's cells, or null for prose
  private final List<List<Token>> rows = new ArrayList<>();

  /** Adds a prose line, trimmed; blank lines are dropped. */
  public void prose(String text) {
    String line = Labels.trim(text);
    if (!line.isEmpty()) {
      lines.add(line);
      rows.add(null);
    }
  }

  /** The 1-based line number the next added line gets. */
  public int nextLine() {
    return lines.size() + 1;
  }

  public void table(Grid grid) {
    for (Grid.Row row : grid.rows()) {
      lines.add(row.text());
      rows.add(row.cells());
    }
  }

  public List<String> lines() {
    return lines;
  }

  /** The cells of lines {@code [from, to)}, a row end after each grid row; prose lines have none. */
  public SourceDocument.Cells cells(int from, int to, String layout) {
    List<Token> tokens = new ArrayList<>();
    for (int i = from; i < to; i++) {
      List<Token> row = rows.get(i);
      if (row != null) {
        tokens.addAll(row);
        tokens.add(Token.rowEnd(row.isEmpty() ? i + 1 : row.get(0).line()));
      }
    }
    return new SourceDocument.Cells(tokens, true, layout);
  }
}
