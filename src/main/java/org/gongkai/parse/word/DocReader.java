package org.gongkai.parse.word;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.poi.hwpf.usermodel.Paragraph;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.hwpf.usermodel.Table;
import org.apache.poi.hwpf.usermodel.TableCell;
import org.apache.poi.hwpf.usermodel.TableRow;
import org.gongkai.parse.table.Grid;
import org.gongkai.parse.text.StructuredLines;

/**
 * Reads a legacy .doc (Word 97 binary) in order: paragraphs become lines and tables become grids. The binary
 * format has no grid columns: they are rebuilt from the cells' left and right edges, so a cell spanning several
 * edges spans that many columns; vertically merged cells become a row span. A table holding other tables (table
 * level deeper than its own) is read as prose around the tables inside it, as for HTML.
 */
final class DocReader {

  // edges closer than this (in twips, 1/20 pt) are one column boundary: rows are rarely drawn to the twip
  private static final int EDGE_TOLERANCE = 20;

  private static final int MAX_LEVEL = 64;

  private final StructuredLines out;
  private Range range;

  DocReader(StructuredLines out) {
    this.out = out;
  }

  void read(Range range) {
    this.range = range;
    paragraphs(0, range.numParagraphs(), 0);
  }

  /** Paragraphs {@code [from, to)} lying at table level {@code level} (0: the body). */
  private void paragraphs(int from, int to, int level) {
    for (int i = from; i < to; i++) {
      Paragraph p = range.getParagraph(i);
      if (level(p) > level) {
        int end = i + 1;
        while (end < to && level(range.getParagraph(end)) > level) {
          end++;
        }
        table(range.getTable(p), i, end, level + 1);
        i = end - 1;
      } else {
        prose(p.text());
      }
    }
  }

  private void prose(String text) {
    for (String line : clean(text).split("\n")) {
      out.prose(line);
    }
  }

  private void table(Table table, int from, int to, int level) {
    for (int i = from; i < to; i++) {
      if (level(range.getParagraph(i)) > level) {
        paragraphs(from, to, level); // a layout table
        return;
      }
    }
    int[] edges = edges(table);
    Grid grid = new Grid(table.numRows(), out.nextLine());
    for (int r = 0; r < table.numRows(); r++) {
      TableRow row = table.getRow(r);
      for (int c = 0; c < row.numCells(); c++) {
        TableCell cell = row.getCell(c);
        if (cell.isVerticallyMerged() && !cell.isFirstVerticallyMerged()) {
          continue; // covered by the first cell of the merge above
        }
        int col = column(edges, cell.getLeftEdge());
        int span = Math.max(1, column(edges, cell.getLeftEdge() + cell.getWidth()) - col);
        int rowspan = cell.isFirstVerticallyMerged() ? 1 + continuesBelow(table, r, edges, col) : 1;
        grid.add(r, col, clean(cell.text()), rowspan, span);
      }
    }
    out.table(grid);
  }

  private static int continuesBelow(Table table, int r, int[] edges, int col) {
    int n = 0;
    for (int below = r + 1; below < table.numRows(); below++) {
      TableCell cell = cellAt(table.getRow(below), edges, col);
      if (cell == null || !cell.isVerticallyMerged() || cell.isFirstVerticallyMerged()) {
        break;
      }
      n++;
    }
    return n;
  }

  private static TableCell cellAt(TableRow row, int[] edges, int col) {
    for (int c = 0; c < row.numCells(); c++) {
      if (column(edges, row.getCell(c).getLeftEdge()) == col) {
        return row.getCell(c);
      }
    }
    return null;
  }

  /** The table's distinct column boundaries, nearly equal ones merged. */
  private static int[] edges(Table table) {
    TreeSet<Integer> all = new TreeSet<>();
    for (int r = 0; r < table.numRows(); r++) {
      TableRow row = table.getRow(r);
      for (int c = 0; c < row.numCells(); c++) {
        all.add((int) row.getCell(c).getLeftEdge());
        all.add(row.getCell(c).getLeftEdge() + row.getCell(c).getWidth());
      }
    }
    List<Integer> merged = new ArrayList<>();
    for (int edge : all) {
      if (merged.isEmpty() || edge - merged.get(merged.size() - 1) > EDGE_TOLERANCE) {
        merged.add(edge);
      }
    }
    return merged.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The index of the boundary nearest to {@code edge}. */
  private static int column(int[] edges, int edge) {
    int best = 0;
    for (int i = 1; i < edges.length; i++) {
      if (Math.abs(edges[i] - edge) < Math.abs(edges[best] - edge)) {
        best = i;
      }
    }
    return best;
  }

  private static int level(Paragraph p) {
    // capped: the level comes from the file, and each level is a step of recursion
    return p.isInTable() ? Math.max(1, Math.min(p.getTableLevel(), MAX_LEVEL)) : 0;
  }

  /** Field codes and Word's control marks out: \u0007 ends a cell or row, \r a paragraph, \u000b is a line break. */
  private static String clean(String text) {
    return Range.stripFields(text).replace("\u0007", "").replace('\r', '\n').replace('\u000b', '\n').replace('\f', '\n');
  }
}
