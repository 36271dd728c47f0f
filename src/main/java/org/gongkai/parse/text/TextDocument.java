package org.gongkai.parse.text;

import java.util.List;
import org.gongkai.parse.table.Token;

/** A text extraction of a report (from HTML, Word or PDF by a crawler): cells follow the section's layout. */
public final class TextDocument implements SourceDocument {

  private final List<String> lines;

  public TextDocument(String text) {
    this.lines = text.lines().toList();
  }

  @Override
  public List<String> lines() {
    return lines;
  }

  @Override
  public Cells cells(int from, int to) {
    List<String> section = lines.subList(from, to);
    Layout layout = Layout.detect(section);
    List<Token> tokens = TextTokenizer.tokenize(section, from + 1, layout);
    return new Cells(tokens, layout.cellDelimited() && hasMultiValueRow(tokens), layout.id());
  }

  /** Row-structured layouts print a table row per source row; one-cell-per-line layouts never have two values. */
  private static boolean hasMultiValueRow(List<Token> tokens) {
    int values = 0;
    for (Token t : tokens) {
      if (t.kind() == Token.Kind.ROW_END) {
        values = 0;
      } else if (t.isValueLike() && ++values >= 2) {
        return true;
      }
    }
    return false;
  }
}
