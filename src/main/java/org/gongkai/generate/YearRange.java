package org.gongkai.generate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Report years, inclusive: "2019-2025" or a single "2024". */
record YearRange(int from, int to) {

  private static final Pattern RANGE = Pattern.compile("\\s*(\\d{4})\\s*(?:[-–~]\\s*(\\d{4})\\s*)?");

  YearRange {
    if (from > to) {
      throw new IllegalArgumentException("year range " + from + "-" + to + " is empty");
    }
  }

  static YearRange parse(String text) {
    Matcher m = RANGE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("years must look like 2019-2025 or 2024, not '" + text + "'");
    }
    int from = Integer.parseInt(m.group(1));
    return new YearRange(from, m.group(2) == null ? from : Integer.parseInt(m.group(2)));
  }

  int size() {
    return to - from + 1;
  }

  @Override
  public String toString() {
    return from == to ? Integer.toString(from) : from + "-" + to;
  }
}
