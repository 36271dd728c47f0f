package org.gongkai.generate;

import static org.gongkai.generate.TemplateView.CARRIED_FORWARD;
import static org.gongkai.generate.TemplateView.CARRIED_OVER;
import static org.gongkai.generate.TemplateView.NEW_RECEIVED;
import static org.gongkai.generate.TemplateView.RESULTS_TOTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gongkai.catalog.ColumnSpec;
import org.gongkai.catalog.RowSpec;
import org.gongkai.generate.Grid.Cell;
import org.gongkai.generate.Grid.Role;

/**
 * Builds tables 2, 3 and 4 of a template version as the national template prints them: labels from the metric
 * catalog, the text around them from template.yaml, values from the report's printed figures.
 */
final class Tables {

  private static final int T2_WIDTH = 4;
  private static final int T3_LABEL_COLUMNS = 3;

  private final Settings template;
  private final Map<String, String> articles;
  private final Map<String, String> labels;
  private final List<String> numerals;

  Tables(Settings template) {
    this.template = template;
    this.articles = template.texts("t2.articles");
    this.labels = template.texts("t3.labels");
    this.numerals = template.strings("numerals");
  }

  /** 二、主动公开政府信息情况: a table's section heading as the template numbers it. */
  String heading(org.gongkai.catalog.TableSpec table) {
    return template.text("section").replace("{n}", numerals.get(table.number() - 1)).replace("{name}", table.zh());
  }

  /**
   * @param text         the printed text of each value cell, by metric key
   * @param amountInYuan the 2019 template's procurement amount is printed in 元
   */
  Grid table2(TemplateView t, Function<String, String> text, boolean amountInYuan) {
    List<List<Cell>> rows = new ArrayList<>();
    String article = null;
    for (RowSpec row : t.t2Rows()) {
      String a = articles.get(row.key());
      if (a == null) {
        throw new IllegalStateException("template.yaml: t2.articles lacks row " + row.key());
      }
      if (!a.equals(article)) {
        article = a;
        rows.add(List.of(Cell.of(template.text("t2.article").replace("{n}", a), Role.HEADER).span(1, T2_WIDTH)));
        List<Cell> header = new ArrayList<>();
        header.add(Cell.of(template.text("t2.content"), Role.HEADER));
        List<ColumnSpec> cols = row.columns();
        for (int i = 0; i < cols.size(); i++) {
          header.add(Cell.of(columnHeader(cols.get(i), amountInYuan), Role.HEADER)
              .span(1, i == cols.size() - 1 ? T2_WIDTH - cols.size() : 1));
        }
        rows.add(header);
      }
      List<Cell> cells = new ArrayList<>();
      cells.add(Cell.of(row.zh(), Role.LABEL));
      List<ColumnSpec> cols = row.columns();
      for (int i = 0; i < cols.size(); i++) {
        cells.add(value(row.metricKey(cols.get(i)), text).span(1, i == cols.size() - 1 ? T2_WIDTH - cols.size() : 1));
      }
      rows.add(cells);
    }
    return new Grid("t2", rows, T2_WIDTH);
  }

  private String columnHeader(ColumnSpec col, boolean amountInYuan) {
    if (col.decimal() && !col.zh().contains(col.unit())) {
      return col.zh() + template.text(amountInYuan ? "t2.amountUnits.yuan" : "t2.amountUnits.wan");
    }
    return col.zh();
  }

  Grid table3(TemplateView t, Function<String, String> text) {
    List<ColumnSpec> cols = t.applicantColumns();
    int n = cols.size();
    List<List<Cell>> rows = new ArrayList<>();
    rows.add(List.of(Cell.of(template.text("t3.note"), Role.NOTE).span(3, T3_LABEL_COLUMNS),
        Cell.of(template.text("t3.applicants"), Role.HEADER).span(1, n)));
    rows.add(List.of(Cell.of(cols.get(0).zh(), Role.HEADER).span(2, 1),
        Cell.of(template.text("t3.organisations"), Role.HEADER).span(1, n - 2),
        Cell.of(cols.get(n - 1).zh(), Role.HEADER).span(2, 1)));
    rows.add(cols.subList(1, n - 1).stream().map(c -> Cell.of(c.zh(), Role.HEADER)).toList());

    List<RowSpec> all = t.t3Rows();
    List<RowSpec> block = all.subList(all.indexOf(t.t3Row(CARRIED_OVER)) + 1, all.indexOf(t.t3Row(RESULTS_TOTAL)) + 1);
    int item = 0;
    String group = null;
    for (RowSpec row : all) {
      List<Cell> cells = new ArrayList<>();
      String key = row.key();
      if (key.equals(NEW_RECEIVED) || key.equals(CARRIED_OVER) || key.equals(CARRIED_FORWARD)) {
        cells.add(label(row.zh()).span(1, T3_LABEL_COLUMNS));
      } else {
        if (row == block.get(0)) {
          cells.add(Cell.of(template.text("t3.results"), Role.GROUP).span(block.size(), 1));
        }
        String[] parts = row.zh().split(" ", 2);
        if (parts.length == 2) {
          if (!parts[0].equals(group)) {
            group = parts[0];
            item++;
            int size = (int) block.stream().filter(r -> r.zh().startsWith(parts[0] + " ")).count();
            String itemLabel = template.text("item").replace("{n}", numerals.get(item - 1)).replace("{name}", group);
            cells.add(Cell.of(itemLabel, Role.GROUP).span(size, 1));
          }
          cells.add(label(parts[1]));
        } else {
          group = null;
          item++;
          cells.add(label(labels.getOrDefault(key, row.zh())).span(1, 2));
        }
      }
      for (ColumnSpec col : cols) {
        cells.add(value(row.metricKey(col), text));
      }
      rows.add(cells);
    }
    return new Grid("t3", rows, T3_LABEL_COLUMNS + n);
  }

  private static Cell label(String text) {
    return new Cell(text, 1, 1, Role.LABEL, null, true);
  }

  Grid table4(TemplateView t, Function<String, String> text) {
    List<RowSpec> groups = t.t4Rows();
    List<ColumnSpec> outcomes = groups.get(0).columns();
    int w = outcomes.size();
    List<Cell> top = new ArrayList<>();
    List<Cell> middle = new ArrayList<>();
    List<Cell> bottom = new ArrayList<>();
    List<Cell> values = new ArrayList<>();
    String previousTop = null;
    for (RowSpec g : groups) {
      String[] parts = g.zh().split(" ", 2);
      if (parts[0].equals(previousTop)) {
        Cell last = top.remove(top.size() - 1);
        top.add(last.span(1, last.colspan() + w));
      } else {
        top.add(Cell.of(parts[0], Role.HEADER).span(1, w));
        previousTop = parts[0];
      }
      if (parts.length == 1) {
        outcomes.forEach(o -> middle.add(Cell.of(o.zh(), Role.HEADER).span(2, 1)));
      } else {
        middle.add(Cell.of(parts[1], Role.HEADER).span(1, w));
        outcomes.forEach(o -> bottom.add(Cell.of(o.zh(), Role.HEADER)));
      }
      outcomes.forEach(o -> values.add(value(g.metricKey(o), text)));
    }
    return new Grid("t4", List.of(top, middle, bottom, values), w * groups.size());
  }

  private static Cell value(String key, Function<String, String> text) {
    return new Cell(text.apply(key), 1, 1, Role.VALUE, key, false);
  }
}
