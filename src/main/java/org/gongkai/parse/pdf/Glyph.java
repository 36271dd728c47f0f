package org.gongkai.parse.pdf;

/**
 * One character drawn on a page, in top-down page coordinates (points).
 *
 * @param x        left edge
 * @param baseline baseline, growing downwards
 * @param width    advance width
 * @param size     font size, the scale for every gap and tolerance
 */
record Glyph(String text, float x, float baseline, float width, float size) {

  float centerX() {
    return x + width / 2;
  }

  /** The middle of the glyph's body: baselines sit low in a cell, so the centre is what a cell contains. */
  float centerY() {
    return baseline - size * 0.35f;
  }

  float right() {
    return x + width;
  }
}
