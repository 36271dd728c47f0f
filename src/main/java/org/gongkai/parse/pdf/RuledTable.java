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
    for (List<Segment> group : groups.values()) {
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

  private static boolean touch(Segment a, Segment b) {
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
