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
 * A crawler's one-cell-per-line extraction (seed 002): each cell on its own line ending with " |", the last cell
 * of a row padded with "|". Some of table 3's row labels are lost; the template's fixed row order still places
 * their numbers, so at most a few labels in a row go missing.
 */
final class CellsRenderer implements Renderer.Text {

  private final double dropLabel;
  private final int maxDropped;

  CellsRenderer(Settings corpus) {
    this.dropLabel = corpus.number("cells.dropLabel");
    this.maxDropped = (int) corpus.number("cells.maxDroppedInARow");
  }

  @Override
  public String render(ReportDocument doc, SplittableRandom r) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.addAll(doc.title());
    for (Block b : doc.blocks()) {
      if (b instanceof Heading h) {
        lines.add(h.text());
      } else if (b instanceof Paragraph p) {
        lines.add(p.text());
      } else if (b instanceof Table t) {
        int droppedInARow = 0;
        for (List<Cell> row : t.grid().rows()) {
          List<String> cells = new ArrayList<>();
          boolean dropped = false;
          for (Cell c : row) {
            if (c.droppable() && droppedInARow < maxDropped && r.nextDouble() < dropLabel) {
              dropped = true;
              continue;
            }
            cells.add(c.role() == Role.VALUE || !doc.halfWidth() ? c.text() : Renderer.halfWidth(c.text()));
          }
          droppedInARow = dropped ? droppedInARow + 1 : 0;
          int pad = t.grid().width() - cells.size();
          for (int i = 0; i < cells.size(); i++) {
            String line = cells.get(i) + " |";
            lines.add(i == cells.size() - 1 && pad > 0 ? line + " " + "|".repeat(pad) : line);
          }
        }
      }
    }
    return String.join("\n", lines) + "\n";
  }
}
