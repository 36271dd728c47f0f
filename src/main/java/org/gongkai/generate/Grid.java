package org.gongkai.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * A standard table as a web page or Word document holds it: rows of cells with row and column spans. Every
 * layout is rendered from this one shape, as crawlers derive their text from the page.
 *
 * @param table the catalog table id (t2, t3, t4)
 * @param width columns of the expanded grid
 */
record Grid(String table, List<List<Cell>> rows, int width) {

  enum Role { NOTE, HEADER, GROUP, LABEL, VALUE }

  /**
   * @param text      as printed; for a value, "" is a cell left empty
   * @param key       the metric a value cell holds, else null
   * @param droppable a row label that a one-cell-per-line extraction may lose
   */
  record Cell(String text, int rowspan, int colspan, Role role, String key, boolean droppable) {

    static Cell of(String text, Role role) {
      return new Cell(text, 1, 1, role, null, false);
    }

    Cell span(int rows, int columns) {
      return new Cell(text, rows, columns, role, key, droppable);
    }

    Cell withText(String newText) {
      return new Cell(newText, rowspan, colspan, role, key, droppable);
    }

    boolean isValue() {
      return role == Role.VALUE;
    }
  }

  /** A cell at a position of the expanded grid: where it starts, or a row-span continuation below its start. */
  record Placed(Cell cell, boolean continuation) {
  }

  Grid {
    rows = rows.stream().map(List::copyOf).toList();
  }

  /**
   * The grid row by row as a Word table exports it: each cell once where it starts, and an empty cell in each
   * further row a vertically merged cell covers; horizontally merged cells are one cell.
   */
  List<List<Placed>> expand() {
    List<Placed[]> grid = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      int c = 0;
      for (Cell cell : rows.get(r)) {
        while (at(grid, r, c) != null) {
          c++;
        }
        for (int dr = 0; dr < cell.rowspan(); dr++) {
          for (int dc = 0; dc < cell.colspan(); dc++) {
            // column copies are marked with a null cell: they are skipped in the output
            put(grid, r + dr, c + dc, dc == 0 ? new Placed(cell, dr > 0) : new Placed(null, dr > 0));
          }
        }
        c += cell.colspan();
      }
    }
    List<List<Placed>> out = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      List<Placed> row = new ArrayList<>();
      for (Placed p : r < grid.size() ? grid.get(r) : new Placed[0]) {
        if (p != null && p.cell() != null) {
          row.add(p);
        }
      }
      out.add(row);
    }
    return out;
  }

  private static Placed at(List<Placed[]> grid, int r, int c) {
    return r < grid.size() && c < grid.get(r).length ? grid.get(r)[c] : null;
  }

  private void put(List<Placed[]> grid, int r, int c, Placed p) {
    while (grid.size() <= r) {
      grid.add(new Placed[width]);
    }
    grid.get(r)[c] = p;
  }
}
