package org.gongkai.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gongkai.generate.Grid.Cell;
import org.gongkai.generate.Grid.Role;
import org.gongkai.generate.ReportDocument.Block;
import org.gongkai.generate.ReportDocument.Heading;
import org.gongkai.generate.ReportDocument.Paragraph;
import org.gongkai.generate.ReportDocument.Table;

/**
 * A crawler's flattening of an HTML page (seed 000): a paragraph per line, a table row per line with its cells
 * joined by " | " and padded with "|" to the table's width. A cell spanning rows appears in its first row only.
 */
final class PipeRenderer implements Renderer.Text {

  private final double cutHeaders;

  PipeRenderer(Settings corpus) {
    this.cutHeaders = corpus.number("pipe.cutHeaders");
  }

  @Override
  public String render(ReportDocument doc, SplittableRandom r) {
    boolean spacedHeaders = r.nextBoolean();
    boolean cut = r.nextDouble() < cutHeaders;
    List<String> lines = new ArrayList<>(doc.title());
    for (Block b : doc.blocks()) {
      if (b instanceof Heading h) {
        lines.add(h.text());
      } else if (b instanceof Paragraph p) {
        lines.add(p.text());
      } else if (b instanceof Table t) {
        for (List<Cell> row : t.grid().rows()) {
          boolean cutHere = cut && "t4".equals(t.grid().table());
          List<String> texts = row.stream().map(c -> text(c, doc, spacedHeaders, cutHere)).toList();
          lines.add(String.join(" | ", texts) + " |" + padding(t.grid().width() - row.size()));
        }
      }
    }
    return String.join("\n", lines) + "\n";
  }

  /** The seed pads short rows with "|" up to the table's width, except a row one cell short. */
  private static String padding(int missing) {
    return missing > 1 ? " " + "|".repeat(missing) : "";
  }

  private static String text(Cell c, ReportDocument doc, boolean spacedHeaders, boolean cut) {
    if (c.role() == Role.VALUE) {
      return c.text();
    }
    String text = doc.halfWidth() ? Renderer.halfWidth(c.text()) : c.text();
    if (cut && c.role() == Role.HEADER && text.length() == 4) {
      return text.substring(0, 2); // 结果<br>纠正 flattened to its first line
    }
    // 商业 企业: the line break inside a narrow header cell becomes a space
    return spacedHeaders && c.role() == Role.HEADER && text.length() == 4 ? text.substring(0, 2) + " "
        + text.substring(2) : text;
  }
}
