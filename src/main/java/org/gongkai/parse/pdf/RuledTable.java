package org.gongkai.parse.pdf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table drawn with ruling lines on one page. The distinct line positions make a grid; each cell is the rectangle
 * its surrounding lines enclose, so a merged cell (rowspan, colspan) is one cell spanning several grid slots, as
 * in an HTML table. Glyphs are placed in cells by their centre, which keeps a wrapped label with its row.
 */
final class RuledTable {

  private static final float TOLERANCE = 2f;
  // beyond these a page is a drawing (a chart, a map), not a table: its text is read as prose, and the
  // quadratic grouping and the grid stay small
  private static final int MAX_SEGMENTS = 3000;
  private static final int MAX_GRID_LINES = 400;

  private final float[] ys;
  private final float[] xs;
  private final float minX;
  private final float maxX;
  private final Box[][] slots;
  private final List<Box> boxes = new ArrayList<>();

  /** One row of the grid: its top, and its cells left to right ({@code continued}: spans down from above). */
  record Row(float top, List<CellText> cells) {
  }

  record CellText(String text, boolean continued) {
  }

  private static final class Box {
    final int top;
    final int left;
    final List<Glyph> glyphs = new ArrayList<>();

    Box(int top, int left) {
      this.top = top;
      this.left = left;
    }
  }

  private RuledTable(List<Segment> horizontal, List<Segment> vertical) {
    this.ys = distinct(horizontal);
    this.xs = distinct(vertical);
    this.minX = xs[0];
    this.maxX = xs[xs.length - 1];
    this.slots = new Box[ys.length - 1][xs.length - 1];
    Map<String, Box> byBounds = new HashMap<>();
    for (int r = 0; r < ys.length - 1; r++) {
      if (Thread.currentThread().isInterrupted()) {
        // the time budget ran out and the parse was abandoned: stop instead of spinning on a hostile grid
        throw new IllegalStateException("parse abandoned");
      }
      float cy = (ys[r] + ys[r + 1]) / 2;
      for (int c = 0; c < xs.length - 1; c++) {
        float cx = (xs[c] + xs[c + 1]) / 2;
        int top = boundary(horizontal, ys, r, -1, cx);
        int bottom = boundary(horizontal, ys, r + 1, 1, cx);
        int left = boundary(vertical, xs, c, -1, cy);
        int right = boundary(vertical, xs, c + 1, 1, cy);
        String key = top + "," + left + "," + bottom + "," + right;
        Box box = byBounds.get(key);
        if (box == null) {
          box = new Box(top, left);
          byBounds.put(key, box);
          boxes.add(box);
        }
        slots[r][c] = box;
      }
    }
  }

  /** The tables among a page's ruling lines: connected groups with at least two lines each way. */
  static List<RuledTable> find(List<Segment> segments) {
    int n = segments.size();
    if (n > MAX_SEGMENTS) {
      return List.of();
    }
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (touch(segments.get(i), segments.get(j))) {
          parent[root(parent, i)] = root(parent, j);
        }
      }
    }
    Map<Integer, List<Segment>> groups = new HashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(segments.get(i));
    }
    List<RuledTable> tables = new ArrayList<>();
    for (List<Segment> drawn : groups.values()) {
      // per table: the column lines of one table never move those of another
      List<Segment> group = closed(CellBoxes.merge(drawn));
      List<Segment> h = group.stream().filter(Segment::horizontal).toList();
      List<Segment> v = group.stream().filter(s -> !s.horizontal()).toList();
      int rows = distinct(h).length;
      int columns = distinct(v).length;
      if (rows >= 2 && columns >= 2 && rows <= MAX_GRID_LINES && columns <= MAX_GRID_LINES) {
        tables.add(new RuledTable(h, v));
      }
    }
    return tables;
  }

  /**
   * The lines with the table's open edges closed. A table that runs over a page break is drawn without the top
   * border of its first row on the next page (that line was the previous row's bottom), nor a bottom border at the
   * break: its column lines reach past the outermost row line, and the edge they reach is the missing line.
   */
  private static List<Segment> closed(List<Segment> group) {
    List<Segment> v = group.stream().filter(s -> !s.horizontal()).toList();
    List<Segment> h = group.stream().filter(Segment::horizontal).toList();
    if (v.size() < 2 || h.isEmpty()) {
      return group;
    }
    float top = Float.MAX_VALUE;
    float bottom = -Float.MAX_VALUE;
    float left = Float.MAX_VALUE;
    float right = -Float.MAX_VALUE;
    for (Segment s : v) {
      top = Math.min(top, s.from());
      bottom = Math.max(bottom, s.to());
      left = Math.min(left, s.at());
      right = Math.max(right, s.at());
    }
    float firstRow = Float.MAX_VALUE;
    float lastRow = -Float.MAX_VALUE;
    for (Segment s : h) {
      firstRow = Math.min(firstRow, s.at());
      lastRow = Math.max(lastRow, s.at());
    }
    List<Segment> out = new ArrayList<>(group);
    if (top < firstRow - CellBoxes.SPACING) {
      out.add(Segment.of(true, top, left, right));
    }
    if (bottom > lastRow + CellBoxes.SPACING) {
      out.add(Segment.of(true, bottom, left, right));
    }
    return out;
  }

  /** Places the glyph in its cell; false when it lies outside the table. */
  boolean add(Glyph g) {
    float x = g.centerX();
    float y = g.centerY();
    if (x < minX || x > maxX || y < ys[0] || y > ys[ys.length - 1]) {
      return false;
    }
    slots[slot(ys, y)][slot(xs, x)].glyphs.add(g);
    return true;
  }

  /** The grid's rows with their cells; a merged cell is listed in every row it spans, marked as continued. */
  List<Row> rows() {
    Map<Box, String> texts = new HashMap<>();
    for (Box b : boxes) {
      texts.put(b, b.glyphs.isEmpty() ? "" : TextLines.cellText(b.glyphs));
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < slots.length; r++) {
      List<CellText> cells = new ArrayList<>();
      Set<Box> seen = new HashSet<>();
      for (Box b : slots[r]) {
        if (seen.add(b)) {
          cells.add(new CellText(texts.get(b), b.top < r));
        }
      }
      rows.add(new Row(ys[r], cells));
    }
    return rows;
  }

  /**
   * The nearest grid line from {@code index} in direction {@code step} that is drawn where the slot is (a line
   * missing there means the cell spans across it); the grid's edge when none is.
   */
  private static int boundary(List<Segment> lines, float[] grid, int index, int step, float across) {
    for (int i = index; i >= 0 && i < grid.length; i += step) {
      for (Segment s : lines) {
        if (Math.abs(s.at() - grid[i]) <= TOLERANCE && s.covers(across, TOLERANCE)) {
          return i;
        }
      }
    }
    return step < 0 ? 0 : grid.length - 1;
  }

  private static int slot(float[] grid, float v) {
    int i = Arrays.binarySearch(grid, v);
    int at = i >= 0 ? i : -i - 2;
    return Math.max(0, Math.min(grid.length - 2, at));
  }

  /** The sorted positions of the lines, lines closer than the tolerance merged. */
  private static float[] distinct(List<Segment> lines) {
    float[] at = new float[lines.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = lines.get(i).at();
    }
    Arrays.sort(at);
    int n = 0;
    for (float v : at) {
      if (n == 0 || v - at[n - 1] > TOLERANCE) {
        at[n++] = v;
      }
    }
    return Arrays.copyOf(at, n);
  }

  /**
   * Lines that meet, or the facing sides of two boxed cells: parallel, at most the cell spacing apart and side by
   * side (a stroke inside a cell, a glyph drawn as lines, is not side by side with a border and stays apart).
   */
  private static boolean touch(Segment a, Segment b) {
    if (a.horizontal() == b.horizontal() && Math.abs(a.at() - b.at()) <= CellBoxes.SPACING
        && a.from() <= b.to() + TOLERANCE && b.from() <= a.to() + TOLERANCE) {
      return true;
    }
    return a.minX() <= b.maxX() + TOLERANCE && b.minX() <= a.maxX() + TOLERANCE
        && a.minY() <= b.maxY() + TOLERANCE && b.minY() <= a.maxY() + TOLERANCE;
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
