package org.gongkai.parse.pdf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One page as a sequence of items in reading order: prose lines and the rows of ruled tables. */
final class PageLayout {

  // the top and bottom of a page where running headers, footers and page numbers are printed
  private static final float MARGIN = 0.1f;

  /**
   * @param text     the line's text (a table row: its non-empty cells joined by " | ")
   * @param cells    a table row's cells, null for prose
   * @param inMargin prose in the page's top or bottom margin
   */
  record Item(int page, float y, String text, List<RuledTable.CellText> cells, boolean inMargin) {
  }

  private PageLayout() {
  }

  static List<Item> items(int page, float height, List<Glyph> glyphs, List<Segment> segments) {
    List<RuledTable> tables = RuledTable.find(segments);
    List<Glyph> prose = new ArrayList<>();
    for (Glyph g : glyphs) {
      if (tables.stream().noneMatch(t -> t.add(g))) {
        prose.add(g);
      }
    }
    List<Item> items = new ArrayList<>();
    for (List<Glyph> line : TextLines.group(prose)) {
      String text = TextLines.text(line);
      if (text.isEmpty()) {
        continue;
      }
      float y = line.get(0).baseline();
      boolean margin = y < height * MARGIN || y > height * (1 - MARGIN);
      items.add(new Item(page, y, text, null, margin));
    }
    for (RuledTable table : tables) {
      for (RuledTable.Row row : table.rows()) {
        List<String> texts = row.cells().stream().filter(c -> !c.continued() && !c.text().isEmpty())
            .map(RuledTable.CellText::text).toList();
        items.add(new Item(page, row.top(), String.join(" | ", texts), row.cells(), false));
      }
    }
    items.sort(Comparator.comparingDouble(Item::y));
    return items;
  }
}
