package org.gongkai.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gongkai.generate.Grid.Placed;
import org.gongkai.generate.Grid.Role;
import org.gongkai.generate.ReportDocument.Block;
import org.gongkai.generate.ReportDocument.Heading;
import org.gongkai.generate.ReportDocument.Paragraph;
import org.gongkai.generate.ReportDocument.Table;

/**
 * A Word document's text export (seeds 001, 003): every table cell on a line starting with a tab, an empty tab
 * cell where a merged cell continues downwards, rows split by empty lines; long cell texts wrap onto lines
 * without a tab.
 */
final class TabRenderer implements Renderer.Text {

  private static final int WRAP_AT = 20;

  private final double cellOnNextLine;
  private final double wrapLabel;

  TabRenderer(Settings corpus) {
    this.cellOnNextLine = corpus.number("tab.cellOnNextLine");
    this.wrapLabel = corpus.number("tab.wrapLabel");
  }

  @Override
  public String render(ReportDocument doc, SplittableRandom r) {
    boolean spaced = r.nextBoolean();
    List<String> lines = new ArrayList<>();
    if (!doc.title().isEmpty()) {
      lines.add("");
      lines.addAll(doc.title());
      lines.add("");
    }
    for (Block b : doc.blocks()) {
      if (b instanceof Heading h) {
        lines.add(h.text());
        if (spaced && h.table() == null) {
          lines.add("");
        }
      } else if (b instanceof Paragraph p) {
        lines.add(r.nextInt(40) == 0 ? "[bookmark: _GoBack]" + p.text() : p.text());
        if (spaced) {
          lines.add("");
        }
      } else if (b instanceof Table t) {
        for (List<Placed> row : t.grid().expand()) {
          for (Placed p : row) {
            lines.addAll(cell(p, doc, r));
          }
          lines.add("");
        }
        lines.add("");
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private List<String> cell(Placed p, ReportDocument doc, SplittableRandom r) {
    if (p.continuation()) {
      return List.of("\t");
    }
    String text = p.cell().role() == Role.VALUE || !doc.halfWidth() ? p.cell().text()
        : Renderer.halfWidth(p.cell().text());
    if (p.cell().role() == Role.VALUE) {
      // Word sometimes exports a cell's paragraph mark first: the number lands on the next line
      return !text.isEmpty() && r.nextDouble() < cellOnNextLine ? List.of("\t", text) : List.of("\t" + text);
    }
    if (text.length() > WRAP_AT && r.nextDouble() < wrapLabel) {
      int at = (int) Draws.between(r, WRAP_AT / 2, text.length() - 2);
      return List.of("\t" + text.substring(0, at), text.substring(at));
    }
    if (p.cell().role() == Role.HEADER && text.length() == 4 && r.nextInt(3) == 0) {
      return List.of("\t" + text.substring(0, 2), text.substring(2));
    }
    return List.of("\t" + text);
  }
}
