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
 * Text extracted from a PDF (seed 004): prose wrapped at the page width, a table row as its label followed by its
 * numbers separated by spaces; labels wider than their column wrap over lines with the numbers after them, and a
 * row's last number may fall on the next line. Header cells of narrow columns break every few characters.
 */
final class PdfRenderer implements Renderer.Text {

  private final int[] proseWidth;
  private final int[] labelWidth;
  private final double splitValues;

  PdfRenderer(Settings corpus) {
    this.proseWidth = range(corpus, "pdf.proseWidth");
    this.labelWidth = range(corpus, "pdf.labelWidth");
    this.splitValues = corpus.number("pdf.splitValues");
  }

  private static int[] range(Settings s, String path) {
    return new int[] {s.node(path).get(0).asInt(), s.node(path).get(1).asInt()};
  }

  @Override
  public String render(ReportDocument doc, SplittableRandom r) {
    int width = (int) Draws.between(r, proseWidth[0], proseWidth[1]);
    int labels = (int) Draws.between(r, labelWidth[0], labelWidth[1]);
    boolean spaced = r.nextBoolean();
    List<String> lines = new ArrayList<>();
    lines.add("");
    for (String t : doc.title()) {
      lines.addAll(Renderer.wrap(t, (int) Draws.between(r, 18, 26)));
    }
    lines.add("");
    for (Block b : doc.blocks()) {
      if (b instanceof Heading h) {
        if (h.table() != null) {
          lines.add("");
          lines.add("");
        }
        lines.add(h.text());
        if (h.table() != null) {
          lines.add("");
        }
      } else if (b instanceof Paragraph p) {
        lines.addAll(Renderer.wrap(p.text(), width));
        if (spaced) {
          lines.add("");
        }
      } else if (b instanceof Table t) {
        table(t.grid(), doc, labels, lines, r);
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private void table(Grid grid, ReportDocument doc, int labelWidth, List<String> lines, SplittableRandom r) {
    for (List<Cell> row : grid.rows()) {
      List<String> values = row.stream().filter(Cell::isValue).map(Cell::text).toList();
      List<Cell> labels = row.stream().filter(c -> !c.isValue()).toList();
      if ("t2".equals(grid.table())) {
        // table 2's columns are wide: a row prints on one line
        List<String> words = new ArrayList<>(labels.stream().map(c -> text(c, doc)).toList());
        words.addAll(values);
        lines.add(String.join(" ", words));
        lines.add("");
        continue;
      }
      String rowLabel = null;
      for (Cell c : labels) {
        if (c.role() == Role.LABEL) {
          rowLabel = text(c, doc);
        } else {
          // group labels and headers sit in narrow columns: a few characters a line
          int size = switch (c.role()) {
            case NOTE -> (int) Draws.between(r, 22, 26);
            case GROUP -> c.text().charAt(0) == '\uFF08' ? 4 : 3; // an enumerated group: （三）不 / 予公开
            default -> c.colspan() > 1 ? c.text().length() : 2;
          };
          lines.addAll(Renderer.pieces(text(c, doc), size));
          lines.add("");
        }
      }
      if (values.isEmpty()) {
        continue;
      }
      String numbers = String.join(" ", values);
      if (rowLabel != null && rowLabel.length() <= labelWidth) {
        lines.add(rowLabel + " " + numbers);
      } else {
        if (rowLabel != null) {
          lines.addAll(Renderer.wrap(rowLabel, labelWidth));
          lines.add("");
        }
        if (values.size() > 1 && r.nextDouble() < splitValues) {
          int at = rowLabel != null ? values.size() - 1 : (int) Draws.between(r, 1, values.size() - 1);
          lines.add(String.join(" ", values.subList(0, at)));
          lines.add(String.join(" ", values.subList(at, values.size())));
        } else {
          lines.add(numbers);
        }
      }
      lines.add("");
    }
  }

  private static String text(Cell c, ReportDocument doc) {
    return doc.halfWidth() ? Renderer.halfWidth(c.text()) : c.text();
  }
}
