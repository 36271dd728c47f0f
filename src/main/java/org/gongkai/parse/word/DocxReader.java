package org.gongkai.parse.word;

import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.gongkai.parse.table.Grid;
import org.gongkai.parse.text.StructuredLines;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTrPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

/**
 * Reads the body of a .docx in order: paragraphs become lines, data tables become grids (gridSpan is a column span,
 * a vMerge restart with the continues below it a row span). A table holding other tables only lays out the page:
 * its cells are read as prose around the tables inside them, as for HTML.
 */
final class DocxReader {

  // Word itself stops nesting tables long before this; deeper ones are hostile and left unread
  private static final int MAX_DEPTH = 64;

  private final StructuredLines out;

  DocxReader(StructuredLines out) {
    this.out = out;
  }

  void body(List<IBodyElement> elements) {
    body(elements, 0);
  }

  private void body(List<IBodyElement> elements, int depth) {
    for (IBodyElement element : elements) {
      if (element instanceof XWPFParagraph p) {
        paragraph(p);
      } else if (element instanceof XWPFTable t && depth < MAX_DEPTH) {
        table(t, depth);
      } else if (element instanceof XWPFSDT sdt) {
        lines(sdt.getContent().getText());
      }
    }
  }

  private void paragraph(XWPFParagraph p) {
    lines(p.getText());
  }

  /** A line break inside a paragraph ends a line, as a br does in HTML. */
  private void lines(String text) {
    for (String line : text.split("[\n\r\u000b]")) {
      out.prose(line);
    }
  }

  private void table(XWPFTable table, int depth) {
    if (holdsTable(table)) {
      for (XWPFTableRow row : table.getRows()) {
        for (XWPFTableCell cell : row.getTableCells()) {
          body(cell.getBodyElements(), depth + 1);
        }
      }
      return;
    }
    List<List<Placed>> rows = place(table);
    Grid grid = new Grid(rows.size(), out.nextLine());
    for (int r = 0; r < rows.size(); r++) {
      for (Placed cell : rows.get(r)) {
        if (cell.merge() != STMerge.CONTINUE) {
          grid.add(r, cell.col(), text(cell.cell()), 1 + continuesBelow(rows, r, cell.col()), cell.span());
        }
      }
    }
    out.table(grid);
  }

  private static boolean holdsTable(XWPFTable table) {
    for (XWPFTableRow row : table.getRows()) {
      for (XWPFTableCell cell : row.getTableCells()) {
        if (!cell.getTables().isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Each row's cells at their grid columns, with their vertical merge state. */
  private static List<List<Placed>> place(XWPFTable table) {
    List<List<Placed>> rows = new ArrayList<>();
    for (XWPFTableRow row : table.getRows()) {
      List<Placed> placed = new ArrayList<>();
      int col = gridBefore(row);
      for (XWPFTableCell cell : row.getTableCells()) {
        CTTcPr pr = cell.getCTTc().getTcPr();
        int span = pr != null && pr.isSetGridSpan() ? clampedInt(pr.getGridSpan().getVal()) : 1;
        STMerge.Enum merge = null;
        if (pr != null && pr.isSetVMerge()) {
          // a vMerge without a value continues the cell above (ECMA-376 17.4.85)
          merge = pr.getVMerge().isSetVal() ? pr.getVMerge().getVal() : STMerge.CONTINUE;
        }
        placed.add(new Placed(cell, col, span, merge));
        col += span;
      }
      rows.add(placed);
    }
    return rows;
  }

  private static int continuesBelow(List<List<Placed>> rows, int r, int col) {
    int n = 0;
    for (int below = r + 1; below < rows.size(); below++) {
      Placed cell = at(rows.get(below), col);
      if (cell == null || cell.merge() != STMerge.CONTINUE) {
        break;
      }
      n++;
    }
    return n;
  }

  private static Placed at(List<Placed> row, int col) {
    for (Placed cell : row) {
      if (cell.col() == col) {
        return cell;
      }
    }
    return null;
  }

  private static int gridBefore(XWPFTableRow row) {
    CTTrPr pr = row.getCtRow().getTrPr();
    if (pr == null || pr.sizeOfGridBeforeArray() == 0 || pr.getGridBeforeArray(0).getVal() == null) {
      return 0;
    }
    return Math.max(0, Math.min(pr.getGridBeforeArray(0).getVal().intValue(), Grid.MAX_SPAN));
  }

  private static int clampedInt(java.math.BigInteger value) {
    return value == null ? 1 : Math.max(1, Math.min(value.intValue(), Grid.MAX_SPAN));
  }

  /** A cell's paragraphs, one per line: the token keeps the text with line breaks squeezed out. */
  private static String text(XWPFTableCell cell) {
    List<String> paragraphs = new ArrayList<>();
    for (XWPFParagraph p : cell.getParagraphs()) {
      paragraphs.add(p.getText());
    }
    return String.join("\n", paragraphs);
  }

  private record Placed(XWPFTableCell cell, int col, int span, STMerge.Enum merge) {
  }
}
