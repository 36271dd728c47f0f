package org.gongkai.parse.pdf;

/**
 * A horizontal or vertical ruling line in top-down page coordinates: {@code at} is its y (horizontal) or x
 * (vertical), {@code from..to} its extent along the other axis.
 */
record Segment(boolean horizontal, float at, float from, float to) {

  static Segment of(boolean horizontal, float at, float a, float b) {
    return new Segment(horizontal, at, Math.min(a, b), Math.max(a, b));
  }

  boolean covers(float position, float tolerance) {
    return position >= from - tolerance && position <= to + tolerance;
  }

  float minX() {
    return horizontal ? from : at;
  }

  float maxX() {
    return horizontal ? to : at;
  }

  float minY() {
    return horizontal ? at : from;
  }

  float maxY() {
    return horizontal ? at : to;
  }
}
