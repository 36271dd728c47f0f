package org.gongkai.parse.table;

import java.util.ArrayList;
import java.util.List;

/**
 * One source table expanded into a true grid from cells with row and column spans (HTML rowspan/colspan, Word
 * vMerge/gridSpan). A label spanning rows labels each of its rows, a value belongs to its first row only, and a
 * cell spanning columns is one cell.
 */
public final class Grid {

  public static final int MAX_SPAN = 200;
  /** Grid positions one table may fill through spans; past it a cell covers only its own position. */
  public static final int MAX_SLOTS = 250_000;

  private final int rowCount;
  private final int firstLine;
  private final List<Slot[]> slots = new ArrayList<>();
  private long placed;

  /**
   * @param rowCount  the table's rows: a span reaching past the last one is cut there
   * @param firstLine the 1-based document line the first grid row becomes (recorded in the tokens' lineage)
   */
  public Grid(int rowCount, int firstLine) {
    this.rowCount = rowCount;
    this.firstLine = firstLine;
  }

  /** The first column at or after {@code col} of {@code row} not taken by a span from an earlier cell. */
  public int nextFree(int row, int col) {
    while (at(row, col) != null) {
      col++;
    }
    return col;
  }

  /** Places a cell at {@code (row, col)} covering {@code rowspan × colspan} grid positions. */
  public void add(int row, int col, String text, int rowspan, int colspan) {
    int rows = clamp(rowspan);
    int cols = clamp(colspan);
    if (placed + (long) rows * cols > MAX_SLOTS) {
      // many huge spans (a hostile file): a real table fills a few hundred positions
      rows = 1;
      cols = 1;
    }
    placed += (long) rows * cols;
    Token token = Labels.classify(text, firstLine + row);
    for (int dr = 0; dr < rows && row + dr < rowCount; dr++) {
      for (int dc = 0; dc < cols; dc++) {
        put(row + dr, col + dc, new Slot(token, dr > 0, dc > 0));
      }
    }
  }

  /** The grid rows in order: each row's text (non-empty cells joined by " | ") and its cells. */
  public List<Row> rows() {
    List<Row> out = new ArrayList<>(slots.size());
    for (Slot[] gridRow : slots) {
      List<Token> cells = new ArrayList<>(gridRow.length);
      StringBuilder text = new StringBuilder(16 * gridRow.length);
      for (Slot slot : gridRow) {
        if (slot == null || slot.colCopy()) {
          continue; // a cell spanning columns is one cell
        }
        if (slot.rowCopy()) {
          // a label spanning rows (三、本年度办理结果, （三）不予公开) labels each of them; a value belongs to its first row
          if (slot.token().kind() == Token.Kind.LABEL) {
            cells.add(slot.token());
          }
          continue;
        }
        cells.add(slot.token());
        if (!slot.token().text().isEmpty()) {
          text.append(text.length() == 0 ? "" : " | ").append(slot.token().text());
        }
      }
      out.add(new Row(text.toString(), cells));
    }
    return out;
  }

  private static int clamp(int span) {
    return Math.max(1, Math.min(span, MAX_SPAN));
  }

  private Slot at(int r, int c) {
    if (r >= slots.size()) {
      return null;
    }
    Slot[] row = slots.get(r);
    return c < row.length ? row[c] : null;
  }

  private void put(int r, int c, Slot slot) {
    while (slots.size() <= r) {
      slots.add(new Slot[0]);
    }
    Slot[] row = slots.get(r);
    if (c >= row.length) {
      Slot[] wider = new Slot[Math.max(c + 1, row.length * 2)];
      System.arraycopy(row, 0, wider, 0, row.length);
      slots.set(r, wider);
      row = wider;
    }
    row[c] = slot;
  }

  /** One grid row: its line text and its cells. */
  public record Row(String text, List<Token> cells) {
  }

  private record Slot(Token token, boolean rowCopy, boolean colCopy) {
  }
}
