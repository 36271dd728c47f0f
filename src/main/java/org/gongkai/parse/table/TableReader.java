package org.gongkai.parse.table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gongkai.catalog.ColumnSpec;
import org.gongkai.catalog.RowSpec;
import org.gongkai.catalog.TableSpec;
import org.gongkai.parse.Cell;
import org.gongkai.parse.Lineage;

/**
 * Reads one standard table of one template version from a token stream, whatever layout produced it.
 *
 * <p>Rows are found by their labels where the source prints them, and by the template's fixed row order where it
 * does not. Values are never guessed: a group of numbers that does not fill whole rows exactly is reported and
 * left unassigned, so a misaligned table yields nulls and a warning, not shifted numbers.
 *
 * <p>Two reading modes: <em>row-structured</em> sources (one source row per table row: pipe or tab cells, HTML
 * grids) keep empty cells as blanks at their position; <em>flowing</em> sources (PDF text, one cell per line
 * without row boundaries) are read as runs of numbers between labels.
 *
 * <p>Immutable and thread-safe once built; build one per table and template version and reuse it.
 */
public final class TableReader {

  private static final int MAX_LABEL_PARTS = 6;
  private static final String YUAN_10K = "万元";
  private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

  private final TableSpec table;
  private final List<RowSpec> rows;
  private final Set<String> columnHeaders;
  // amount columns' header words without their unit (采购总金额), to find a unit printed in the header
  private final Map<String, String> amountHeaders;
  // compiled once per reader: the row widths from each row on, and every row's label fragments
  private final int[][] widthsFrom;
  private final Alias[] aliases;

  public TableReader(TableSpec table, String format) {
    this.table = table;
    this.rows = table.rows(format);
    Set<String> headers = new HashSet<>();
    rows.forEach(r -> r.columns().forEach(c -> headers.add(Labels.key(c.zh()))));
    this.columnHeaders = Set.copyOf(headers);
    Map<String, String> amounts = new HashMap<>();
    rows.forEach(r -> r.columns().stream().filter(ColumnSpec::decimal)
        .forEach(c -> amounts.put(c.key(), Labels.key(c.zh().replaceAll("[（(].*?[)）]", "")))));
    this.amountHeaders = Map.copyOf(amounts);
    this.widthsFrom = new int[rows.size()][];
    for (int start = 0; start < rows.size(); start++) {
      widthsFrom[start] = rows.subList(start, rows.size()).stream().mapToInt(RowSpec::width).toArray();
    }
    List<Alias> all = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      for (String alias : rows.get(r).match()) {
        boolean exact = alias.startsWith("=");
        all.add(new Alias(r, exact ? alias.substring(1) : alias, exact));
      }
    }
    this.aliases = all.toArray(new Alias[0]);
  }

  /** A label fragment of row {@code row}: contained in the label, or equal to it when {@code exact}. */
  private record Alias(int row, String text, boolean exact) {
  }

  public TableSpec table() {
    return table;
  }

  public List<RowSpec> rows() {
    return rows;
  }

  /**
   * @param rowStructured true when each source row is one table row (cells keep their positions)
   * @param layout        recorded in lineage
   */
  public TableResult read(List<Token> tokens, boolean rowStructured, String layout) {
    Run run = new Run(layout);
    tokens.stream().filter(t -> t.kind() == Token.Kind.LABEL).forEach(t -> run.labelKeys.add(t.key()));
    if (rowStructured) {
      readRows(tokens, run);
    } else {
      readFlowing(tokens, run);
    }
    return new TableResult(run.cells, run.warnings);
  }

  private void readFlowing(List<Token> tokens, Run run) {
    List<Token> labels = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      if (t.kind() == Token.Kind.LABEL) {
        labels.add(t);
        i++;
        continue;
      }
      if (!t.isValueLike()) {
        i++;
        continue;
      }
      List<Token> values = new ArrayList<>();
      while (i < tokens.size() && tokens.get(i).kind() != Token.Kind.LABEL) {
        if (tokens.get(i).isValueLike()) {
          values.add(tokens.get(i));
        }
        i++;
      }
      place(labels, values, run);
      labels = new ArrayList<>();
    }
  }

  private void readRows(List<Token> tokens, Run run) {
    List<List<Token>> rowsRead = new ArrayList<>();
    List<Token> row = new ArrayList<>();
    for (Token t : tokens) {
      if (t.kind() != Token.Kind.ROW_END) {
        row.add(t);
        continue;
      }
      rowsRead.add(row);
      row = new ArrayList<>();
    }
    rowsRead.add(row);
    // A row as wide as most rows (counting every cell, or only the cells after the label) has all its cells; a
    // narrower one lost a cell, and its trailing empty cells are then padding, not blanks.
    // Rows with a group label (三、本年度办理结果 | （一）予以公开) may be flattened with less padding than the
    // others, so the cells after the label are compared among rows with as many labels.
    int gridWidth = commonWidth(rowsRead, r -> true, false);
    Map<Integer, Integer> valueWidth = new HashMap<>();
    int[] labelCounts = rowsRead.stream().mapToInt(TableReader::labels).toArray();
    for (int n : labelCounts) {
      valueWidth.computeIfAbsent(n, count -> commonWidth(rowsRead, x -> labels(x) == count, true));
    }
    List<Token> pending = new ArrayList<>();
    for (int i = 0; i < rowsRead.size(); i++) {
      List<Token> r = rowsRead.get(i);
      pending = readRow(r, pending, r.size() >= gridWidth || valueCells(r) >= valueWidth.get(labelCounts[i]), run);
    }
  }

  private static int labels(List<Token> row) {
    int n = 0;
    for (Token t : row) {
      if (t.kind() == Token.Kind.LABEL) {
        n++;
      }
    }
    return Math.min(3, n);
  }

  private static int valueCells(List<Token> row) {
    int lastLabel = -1;
    for (int i = 0; i < row.size(); i++) {
      if (row.get(i).kind() == Token.Kind.LABEL) {
        lastLabel = i;
      }
    }
    return row.size() - lastLabel - 1;
  }

  /** The most common number of cells (all, or after the label) among the chosen rows with values. */
  private static int commonWidth(List<List<Token>> rows, java.util.function.Predicate<List<Token>> which,
                                 boolean valuesOnly) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (List<Token> r : rows) {
      if (which.test(r) && r.stream().anyMatch(Token::isValueLike)) {
        counts.merge(valuesOnly ? valueCells(r) : r.size(), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
        .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(0);
  }

  /** Reads one source row; returns the labels still waiting for values. */
  private List<Token> readRow(List<Token> row, List<Token> pending, boolean fullWidth, Run run) {
    int lastLabel = -1;
    for (int i = 0; i < row.size(); i++) {
      if (row.get(i).kind() == Token.Kind.LABEL) {
        lastLabel = i;
      }
    }
    List<Token> labels = new ArrayList<>(pending);
    for (int i = 0; i <= lastLabel; i++) {
      Token t = row.get(i);
      if (t.kind() == Token.Kind.LABEL) {
        labels.add(t);
      } else if (t.isValueLike()) {
        run.warn(table.id() + ": ignored " + t.text() + " printed before the row label on line " + t.line());
      }
    }
    List<Token> cells = new ArrayList<>(row.subList(lastLabel + 1, row.size()));
    if (cells.stream().noneMatch(Token::isValueLike)) {
      return labels;
    }
    Match match = match(labels);
    int start = match != null ? match.row : run.nextRow;
    if (start >= rows.size()) {
      run.warn(table.id() + ": values on line " + cells.get(0).line() + " follow the last row of the table; ignored");
      return new ArrayList<>();
    }
    place(match, start, fitPositions(cells, widthsFrom(start), fullWidth), run);
    return new ArrayList<>();
  }

  /**
   * Row-structured cells: padding after the last column and an empty label cell before the first are layout,
   * not blanks; an empty cell inside the row is a blank. A trailing empty cell is a blank only in a row as wide
   * as the grid ({@code fullWidth}); in a shorter row a cell was lost and the row is left unread.
   */
  private static List<Token> fitPositions(List<Token> cells, int[] widths, boolean fullWidth) {
    List<Token> list = new ArrayList<>(cells);
    // one cell more than the row's figures and the first empty: that is the label's cell, its text lost (a
    // label cut off at a printed page's edge), and the empty cell at the end is a blank, not padding
    if (fullWidth && list.size() == widths[0] + 1 && list.get(0).kind() == Token.Kind.EMPTY) {
      list.remove(0);
    }
    int trailing = 0;
    while (!list.isEmpty() && list.get(list.size() - 1).kind() == Token.Kind.EMPTY) {
      list.remove(list.size() - 1);
      trailing++;
    }
    while (list.size() > widths[0] && list.get(0).kind() == Token.Kind.EMPTY) {
      list.remove(0);
    }
    // the blanks at the end fill up to the next whole number of rows (table 4 prints three groups on one line)
    int width = 0;
    for (int w : widths) {
      width += w;
      if (width >= list.size()) {
        break;
      }
    }
    int line = list.get(list.size() - 1).line();
    for (int i = list.size(); fullWidth && i < width && trailing > 0; i++, trailing--) {
      list.add(Token.empty(line));
    }
    return list;
  }

  /** The widths of the rows from {@code start} on, in template order. */
  private int[] widthsFrom(int start) {
    return widthsFrom[start];
  }

  private void place(List<Token> labels, List<Token> values, Run run) {
    Match match = match(labels);
    int start = match != null ? match.row : run.nextRow;
    if (start >= rows.size()) {
      run.warn(table.id() + ": " + values.size() + " values from line " + values.get(0).line()
          + " follow the last row of the table; ignored");
      return;
    }
    place(match, start, values, run);
  }

  /** Assigns values to whole consecutive rows from {@code start}, or to none when they do not fit exactly. */
  private void place(Match match, int start, List<Token> values, Run run) {
    int end = start;
    int used = 0;
    while (used < values.size() && end < rows.size()) {
      used += rows.get(end).width();
      end++;
    }
    RowSpec first = rows.get(start);
    if (used != values.size()) {
      run.warn(table.id() + ": " + values.size() + " values on line " + values.get(0).line() + " for row "
          + first.zh() + " (" + first.key() + ") do not fill whole rows of " + first.width()
          + " columns; left unread rather than guessed");
      run.nextRow = Math.max(run.nextRow, start + 1);
      return;
    }
    int offset = 0;
    for (int r = start; r < end; r++) {
      RowSpec row = rows.get(r);
      boolean byLabel = r == start && match != null;
      assign(row, values.subList(offset, offset + row.width()), byLabel ? match.label : null, run);
      offset += row.width();
    }
    run.nextRow = end;
  }

  private void assign(RowSpec row, List<Token> values, String label, Run run) {
    if (!run.rowsSeen.add(row.key())) {
      run.warn(table.id() + ": row " + row.zh() + " (" + row.key() + ") appears again on line "
          + values.get(0).line() + "; the first occurrence is kept");
      return;
    }
    for (int c = 0; c < row.width(); c++) {
      ColumnSpec col = row.columns().get(c);
      Token t = values.get(c);
      Lineage lineage = new Lineage(table.id(), label, label != null ? "label" : "order", col.zh(), c + 1,
          t.line(), run.layout);
      String key = row.metricKey(col);
      Cell cell;
      if (t.kind() != Token.Kind.VALUE) {
        cell = new Cell(key, null, Cell.Status.BLANK, t.text(), lineage);
      } else {
        BigDecimal value = inCatalogUnit(key, col, t, run);
        if (Cell.fits(value)) {
          cell = new Cell(key, value, Cell.Status.VALUE, t.text(), lineage);
        } else {
          // stored as it was printed, never as a rounded or null value
          cell = new Cell(key, null, Cell.Status.INVALID, t.text(), lineage);
          run.warn(key + ": number out of range: " + abbreviated(t.text()) + " (more than "
              + (Cell.VALUE_PRECISION - Cell.VALUE_SCALE) + " integer digits); the cell is invalid");
        }
      }
      run.cells.put(key, cell);
    }
  }

  /** A number for a message: a hostile file's figure of thousands of digits is cut. */
  static String abbreviated(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "… (" + text.length() + " characters)";
  }

  /**
   * Amounts are stored in the catalog's unit (万元). A report may print 元 in the cell or in the column header
   * (采购总金额（元）); such amounts are converted and the conversion is reported.
   */
  private BigDecimal inCatalogUnit(String key, ColumnSpec col, Token t, Run run) {
    if (!col.decimal() || !YUAN_10K.equals(col.unit())) {
      return t.value();
    }
    boolean yuan = "元".equals(t.unit());
    if (t.unit() == null) {
      String base = amountHeaders.get(col.key());
      yuan = run.labelKeys.stream().anyMatch(k -> {
        int at = k.indexOf(base);
        if (at < 0) {
          return false;
        }
        String rest = k.substring(at + base.length());
        return rest.contains("元") && !rest.contains("万元");
      });
    }
    if (!yuan) {
      return t.value();
    }
    BigDecimal converted = t.value().divide(TEN_THOUSAND).stripTrailingZeros();
    if (converted.scale() < 0) {
      converted = converted.setScale(0);
    }
    run.warn(key + ": " + t.text() + " printed in 元, stored as " + converted.toPlainString() + " 万元");
    return converted;
  }

  /**
   * Finds the row named by the labels before a group of values. The shortest trailing combination of label
   * parts wins, so a row label is preferred over the group label printed before it and a label wrapped over
   * several lines is rejoined. Column headers printed without an enumerator are not row labels.
   */
  private Match match(List<Token> labels) {
    List<Token> candidates = new ArrayList<>(labels.size());
    for (Token t : labels) {
      if (t.enumerated() || !columnHeaders.contains(t.key())) {
        candidates.add(t);
      }
    }
    int stop = Math.max(0, candidates.size() - MAX_LABEL_PARTS);
    for (int j = candidates.size() - 1; j >= stop; j--) {
      String key = candidates.get(j).key();
      for (int k = j + 1; k < candidates.size(); k++) {
        key = key + candidates.get(k).key();
      }
      int best = -1;
      int bestLength = 0;
      for (Alias alias : aliases) {
        if (alias.text().length() > bestLength
            && (alias.exact() ? key.equals(alias.text()) : key.contains(alias.text()))) {
          best = alias.row();
          bestLength = alias.text().length();
        }
      }
      if (best >= 0) {
        StringBuilder raw = new StringBuilder();
        for (Token t : candidates.subList(j, candidates.size())) {
          raw.append(t.text());
        }
        return new Match(best, raw.toString());
      }
    }
    return null;
  }

  private record Match(int row, String label) {
  }

  /** Mutable state of one read. */
  private static final class Run {
    final String layout;
    final Map<String, Cell> cells = new HashMap<>();
    final List<String> warnings = new ArrayList<>();
    final Set<String> rowsSeen = new HashSet<>();
    final Set<String> labelKeys = new HashSet<>();
    int nextRow;

    Run(String layout) {
      this.layout = layout;
    }

    void warn(String message) {
      warnings.add(message);
    }
  }
}
