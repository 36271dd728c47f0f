package org.gongkai.parse.table;

import java.math.BigDecimal;

/**
 * One cell of a table as a layout reader found it: a label, a number, an explicit blank marker, an empty cell,
 * or the end of a source row. The table reader sees only tokens, whatever the source format.
 *
 * @param text       the cell text, trimmed, line breaks inside the cell removed
 * @param value      the number, for {@link Kind#VALUE}
 * @param unit       a unit printed after the number (件, 元, 万元…), or null
 * @param enumerated for labels: the label starts with an enumerator (1. （一） 第一项 …)
 * @param line       1-based line of the source text the cell came from
 * @param key        for labels: the comparable form ({@link Labels#key}), computed once
 */
public record Token(Kind kind, String text, BigDecimal value, String unit, boolean enumerated, int line, String key) {

  public enum Kind { LABEL, VALUE, BLANK, EMPTY, ROW_END }

  public static Token rowEnd(int line) {
    return new Token(Kind.ROW_END, "", null, null, false, line, null);
  }

  public static Token empty(int line) {
    return new Token(Kind.EMPTY, "", null, null, false, line, null);
  }

  public boolean isValueLike() {
    return kind == Kind.VALUE || kind == Kind.BLANK;
  }

  public boolean isCell() {
    return kind == Kind.VALUE || kind == Kind.BLANK || kind == Kind.EMPTY;
  }
}
