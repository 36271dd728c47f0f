package org.gongkai.parse.pdf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Glyphs to text: lines by baseline, words by the gaps between glyphs. */
final class TextLines {

  // a gap wider than this share of the font size is a space between words
  private static final float WORD_GAP = 0.3f;
  // baselines closer than this share of the font size are one line
  private static final float SAME_LINE = 0.5f;

  private TextLines() {
  }

  /** The glyphs grouped into lines, top to bottom, each sorted left to right. */
  static List<List<Glyph>> group(List<Glyph> glyphs) {
    List<Glyph> sorted = new ArrayList<>(glyphs);
    sorted.sort(Comparator.comparingDouble(Glyph::baseline));
    List<List<Glyph>> lines = new ArrayList<>();
    List<Glyph> line = null;
    float lineBaseline = 0;
    float lineSize = 0;
    for (Glyph g : sorted) {
      if (line == null || g.baseline() - lineBaseline > SAME_LINE * Math.min(lineSize, g.size())) {
        line = new ArrayList<>();
        lines.add(line);
        lineBaseline = g.baseline();
        lineSize = g.size();
      }
      line.add(g);
    }
    for (List<Glyph> l : lines) {
      l.sort(Comparator.comparingDouble(Glyph::x));
    }
    return lines;
  }

  /** One line's text, with a space where glyphs are set apart; a glyph drawn twice (fake bold) counts once. */
  static String text(List<Glyph> line) {
    StringBuilder sb = new StringBuilder();
    Glyph previous = null;
    boolean space = false;
    for (Glyph g : line) {
      if (g.text().isBlank()) {
        space = previous != null; // a space drawn as a glyph; leading spaces are dropped
        continue;
      }
      if (previous != null) {
        if (g.text().equals(previous.text()) && Math.abs(g.x() - previous.x()) < 0.2f * g.size()) {
          continue;
        }
        if (space || g.x() - previous.right() > WORD_GAP * Math.min(g.size(), previous.size())) {
          sb.append(' ');
        }
      }
      sb.append(g.text());
      previous = g;
      space = false;
    }
    return sb.toString();
  }

  /** The text of a table cell: its lines joined, with a space only between two Latin words. */
  static String cellText(List<Glyph> glyphs) {
    StringBuilder sb = new StringBuilder();
    for (List<Glyph> line : group(glyphs)) {
      String text = text(line);
      if (text.isEmpty()) {
        continue;
      }
      if (sb.length() > 0 && isLatin(sb.charAt(sb.length() - 1)) && isLatin(text.charAt(0))) {
        sb.append(' ');
      }
      sb.append(text);
    }
    return sb.toString();
  }

  private static boolean isLatin(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
