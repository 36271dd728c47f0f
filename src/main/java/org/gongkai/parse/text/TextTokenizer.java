package org.gongkai.parse.text;

import java.util.ArrayList;
import java.util.List;
import org.gongkai.parse.table.Labels;
import org.gongkai.parse.table.Token;

/** Turns the lines of one table section into cell tokens, following the section's layout. */
public final class TextTokenizer {

  private TextTokenizer() {
  }

  /**
   * @param lines     the section's lines
   * @param firstLine 1-based source line number of {@code lines.get(0)}
   */
  public static List<Token> tokenize(List<String> lines, int firstLine, Layout layout) {
    return switch (layout) {
      case PIPE -> pipe(lines, firstLine);
      case TAB -> tab(lines, firstLine);
      case PLAIN -> plain(lines, firstLine);
    };
  }

  private static List<Token> pipe(List<String> lines, int firstLine) {
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int lineNo = firstLine + i;
      String[] cells = line.split("\\|", -1);
      // the piece after a closing "|" is an artifact of the delimiter, not a cell
      int n = cells.length > 1 && cells[cells.length - 1].isBlank() ? cells.length - 1 : cells.length;
      for (int c = 0; c < n; c++) {
        out.add(Labels.classify(cells[c], lineNo));
      }
      out.add(Token.rowEnd(lineNo));
    }
    return out;
  }

  /** A cell starts at a line beginning with a tab; a line without one continues the cell; "" ends a row. */
  private static List<Token> tab(List<String> lines, int firstLine) {
    List<Token> out = new ArrayList<>();
    StringBuilder cell = null;
    int cellLine = firstLine;
    boolean rowOpen = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int lineNo = firstLine + i;
      if (line.isEmpty() || (line.isBlank() && !line.contains("\t"))) {
        if (cell != null) {
          out.add(Labels.classify(cell.toString(), cellLine));
          cell = null;
        }
        if (rowOpen) {
          out.add(Token.rowEnd(lineNo));
          rowOpen = false;
        }
        continue;
      }
      if (line.startsWith("\t") || cell == null) {
        if (cell != null) {
          out.add(Labels.classify(cell.toString(), cellLine));
        }
        cell = new StringBuilder(line.startsWith("\t") ? line.substring(1) : line);
        cellLine = lineNo;
        rowOpen = true;
      } else {
        // a Word cell whose text was wrapped: Chinese joins without a space
        cell.append(line.strip());
        if (Labels.trim(cell.toString()).equals(line.strip())) {
          cellLine = lineNo;
        }
      }
    }
    if (cell != null) {
      out.add(Labels.classify(cell.toString(), cellLine));
    }
    if (rowOpen) {
      out.add(Token.rowEnd(firstLine + lines.size()));
    }
    return out;
  }

  private static List<Token> plain(List<String> lines, int firstLine) {
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      for (String word : lines.get(i).split("[\\s\\u00a0\\u3000]+")) {
        if (!word.isEmpty()) {
          out.add(Labels.classify(word, firstLine + i));
        }
      }
    }
    return out;
  }
}
