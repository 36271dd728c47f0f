package org.gongkai.parse.pdf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns boxed cells into one grid. A web page's table printed with cell spacing (HTML {@code cellspacing},
 * CSS {@code border-collapse: separate}) draws every cell as its own rectangle, a few points from its
 * neighbours and from the table's outer border: the ruling lines come in close parallel pairs, one each side of
 * the gap. Each such pair (or run of lines within {@link #SPACING}) becomes one line at their middle, which is the
 * shared border a collapsed table would have drawn. A table row or column is never that thin (text is taller and
 * a digit wider), so lines of different rows are never merged.
 */
final class CellBoxes {

  /** The widest cell spacing read as a gap between boxes, in points (about 6 CSS pixels). */
  static final float SPACING = 4.5f;

  private CellBoxes() {
  }

  static List<Segment> merge(List<Segment> segments) {
    List<Segment> out = new ArrayList<>(segments.size());
    out.addAll(mergeParallel(segments.stream().filter(Segment::horizontal).toList()));
    out.addAll(mergeParallel(segments.stream().filter(s -> !s.horizontal()).toList()));
    return out;
  }

  /**
   * Lines of one direction, each run of positions spanning at most {@link #SPACING} moved to the run's middle.
   * Lines are kept apart (not joined end to end): where a line is missing, a merged cell spans across it.
   */
  private static List<Segment> mergeParallel(List<Segment> lines) {
    List<Segment> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparingDouble(Segment::at));
    List<Segment> out = new ArrayList<>(sorted.size());
    int start = 0;
    while (start < sorted.size()) {
      int end = start + 1;
      float first = sorted.get(start).at();
      while (end < sorted.size() && sorted.get(end).at() - first <= SPACING) {
        end++;
      }
      float middle = (first + sorted.get(end - 1).at()) / 2;
      for (int i = start; i < end; i++) {
        Segment s = sorted.get(i);
        out.add(new Segment(s.horizontal(), middle, s.from(), s.to()));
      }
      start = end;
    }
    return out;
  }
}
