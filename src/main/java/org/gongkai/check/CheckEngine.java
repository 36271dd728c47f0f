package org.gongkai.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gongkai.catalog.ColumnSpec;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.MetricDef;
import org.gongkai.catalog.RowSpec;
import org.gongkai.catalog.TableSpec;
import org.gongkai.parse.Cell;
import org.gongkai.parse.Report;

/**
 * Evaluates every report rule of the catalog on one report in one pass over its cells. The rules are expanded once
 * per template version into plain checks (equations, bounds, statements) and reused for every report.
 *
 * <p>In sums a blank cell counts as 0 (the report left it unfilled); a check that involves a missing cell (the
 * parser could not find it) is not evaluated, so a parse failure never poses as an inconsistency.
 */
public final class CheckEngine {

  private static final class Holder {
    static final CheckEngine INSTANCE = new CheckEngine(MetricCatalog.standard(), RuleCatalog.standard());
  }

  private final MetricCatalog catalog;
  private final RuleCatalog rules;
  private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

  public CheckEngine(MetricCatalog catalog, RuleCatalog rules) {
    this.catalog = catalog;
    this.rules = rules;
  }

  public static CheckEngine standard() {
    return Holder.INSTANCE;
  }

  // every cell a check reads is named by its metric key (for messages) and its position in the version's catalog
  // order (for the lookup: a report's cells come in that order, so a check reads an array, not a map)
  private record Equation(Rule rule, String where, List<String> left, List<String> right, int[] leftAt,
                          int[] rightAt) {
    boolean singleTotal() {
      return left.size() == 1;
    }
  }

  private record Bound(Rule rule, String part, String total, int partAt, int totalAt) {
  }

  private record Statement(Rule rule, Pattern pattern, List<String> cells, int[] cellsAt) {
  }

  private record Compiled(List<String> keys, Map<String, Integer> positions, List<Equation> equations,
                          List<Equation> blankTotals, List<Statement> statements, List<Bound> bounds,
                          Rule negative, boolean[] negativeAt, Rule fraction, boolean[] countAt) {

    /** The report's cells by catalog position; null where it has none. */
    Cell[] cells(Report report) {
      List<Cell> cells = report.cells();
      Cell[] out = new Cell[keys.size()];
      boolean inOrder = cells.size() == out.length;
      for (int i = 0; inOrder && i < out.length; i++) {
        out[i] = cells.get(i);
        inOrder = out[i].key().equals(keys.get(i));
      }
      if (!inOrder) {
        java.util.Arrays.fill(out, null);
        for (Cell cell : cells) {
          Integer at = positions.get(cell.key());
          if (at != null) {
            out[at] = cell;
          }
        }
      }
      return out;
    }
  }

  /** The report's anomalies under every report rule. */
  public List<Anomaly> check(Report report) {
    // sentences wrap anywhere in extracted text (政府信\n息公开申请10件): statements are read across line breaks
    String prose = report.prose() == null ? null : report.prose().replace("\n", "");
    Compiled c = compiled.computeIfAbsent(report.format(), this::compile);
    Cell[] cells = c.cells(report);
    List<Anomaly> out = new ArrayList<>();
    for (Equation e : c.equations()) {
      checkEquation(e, cells, out);
    }
    for (Equation e : c.blankTotals()) {
      checkBlankTotal(e, cells, out);
    }
    for (Bound b : c.bounds()) {
      Cell part = cells[b.partAt()];
      Cell total = cells[b.totalAt()];
      if (part != null && total != null && part.value() != null && total.value() != null
          && part.value().compareTo(total.value()) > 0) {
        out.add(anomaly(b.rule(), b.part(), total.value(), part.value(), List.of(part, total),
            b.part() + " 大于其总计 " + b.total(), b.part() + " exceeds its total " + b.total()));
      }
    }
    for (int i = 0; i < cells.length; i++) {
      Cell cell = cells[i];
      if (cell == null || cell.value() == null) {
        continue;
      }
      if (c.negativeAt()[i] && cell.value().signum() < 0) {
        out.add(anomaly(c.negative(), cell.key(), BigDecimal.ZERO, cell.value(), List.of(cell),
            cell.key() + " 为负数", cell.key() + " is negative"));
      }
      // a scale of 0 or less is a whole number without stripping zeros (most cells)
      if (c.countAt()[i] && cell.value().scale() > 0 && cell.value().stripTrailingZeros().scale() > 0) {
        out.add(anomaly(c.fraction(), cell.key(), null, cell.value(), List.of(cell),
            cell.key() + " 含小数", cell.key() + " is not a whole number"));
      }
    }
    if (prose != null) {
      for (Statement s : c.statements()) {
        checkStatement(s, prose, cells, out);
      }
    }
    return out;
  }

  private void checkEquation(Equation e, Cell[] cells, List<Anomaly> out) {
    if (!evaluated(e, cells)) {
      return;
    }
    if (e.singleTotal() && cells[e.leftAt()[0]].isBlank()) {
      return; // a blank total is the blank_total rule's business
    }
    BigDecimal left = sum(e.leftAt(), cells);
    BigDecimal right = sum(e.rightAt(), cells);
    if (left.compareTo(right) != 0) {
      out.add(anomaly(e.rule(), e.where(), right, left, involved(e, cells),
          e.where() + "：" + String.join("+", e.left()) + " = " + left.toPlainString() + "，"
              + String.join("+", e.right()) + " = " + right.toPlainString(),
          e.where() + ": " + String.join(" + ", e.left()) + " = " + left.toPlainString() + " but "
              + String.join(" + ", e.right()) + " = " + right.toPlainString()));
    }
  }

  private void checkBlankTotal(Equation e, Cell[] cells, List<Anomaly> out) {
    if (!evaluated(e, cells) || !cells[e.leftAt()[0]].isBlank()) {
      return;
    }
    BigDecimal parts = sum(e.rightAt(), cells);
    boolean allZeroOrBlank = true;
    for (int i = 0; allZeroOrBlank && i < e.rightAt().length; i++) {
      Cell part = cells[e.rightAt()[i]];
      allZeroOrBlank = part.isBlank() || part.value().signum() == 0;
    }
    if (!allZeroOrBlank) {
      out.add(anomaly(e.rule(), e.where(), parts, null, involved(e, cells),
          e.left().get(0) + " 留空，但其组成项之和为 " + parts.toPlainString(),
          e.left().get(0) + " is blank while its parts sum to " + parts.toPlainString()));
    }
  }

  private void checkStatement(Statement s, String prose, Cell[] cells, List<Anomaly> out) {
    Matcher m = s.pattern().matcher(prose);
    if (!m.find()) {
      return;
    }
    List<Cell> involved = new ArrayList<>();
    for (int at : s.cellsAt()) {
      Cell cell = cells[at];
      if (cell == null || cell.isUnknown()) {
        return;
      }
      involved.add(cell);
    }
    BigDecimal stated = new BigDecimal(m.group(1));
    BigDecimal table = sum(s.cellsAt(), cells);
    if (stated.compareTo(table) != 0) {
      out.add(anomaly(s.rule(), String.join("+", s.cells()), table, stated, involved,
          "正文“" + m.group() + "”与表格 " + String.join("+", s.cells()) + " = " + table.toPlainString() + " 不一致",
          "the text says \"" + m.group() + "\" but the table has " + String.join(" + ", s.cells()) + " = "
              + table.toPlainString()));
    }
  }

  /** Whether every cell of an equation has a figure (a missing or invalid one: not evaluated). */
  private static boolean evaluated(Equation e, Cell[] cells) {
    return present(e.leftAt(), cells) && present(e.rightAt(), cells);
  }

  /** The cells of an equation, for its anomaly (most equations hold and need no list). */
  private static List<Cell> involved(Equation e, Cell[] cells) {
    List<Cell> out = new ArrayList<>(e.leftAt().length + e.rightAt().length);
    for (int at : e.leftAt()) {
      out.add(cells[at]);
    }
    for (int at : e.rightAt()) {
      out.add(cells[at]);
    }
    return out;
  }

  private static boolean present(int[] positions, Cell[] cells) {
    for (int at : positions) {
      if (cells[at] == null || cells[at].isUnknown()) {
        return false;
      }
    }
    return true;
  }

  private static BigDecimal sum(int[] positions, Cell[] cells) {
    BigDecimal total = BigDecimal.ZERO;
    for (int at : positions) {
      BigDecimal v = cells[at].value();
      if (v != null) {
        total = total.add(v);
      }
    }
    return total;
  }

  private static Anomaly anomaly(Rule rule, String where, BigDecimal expected, BigDecimal actual, List<Cell> cells,
                                 String zh, String en) {
    List<Anomaly.Involved> involved = cells.stream().map(c -> new Anomaly.Involved(c.key(), c.value(),
        c.status().name().toLowerCase(java.util.Locale.ROOT), c.raw(),
        c.lineage() == null ? null : c.lineage().rowLabel(),
        c.lineage() == null ? null : c.lineage().line())).toList();
    BigDecimal difference = expected == null || actual == null ? null : actual.subtract(expected);
    return new Anomaly(rule.id(), rule.severity(), rule.scope(), expected, actual, difference, involved,
        rule.zh() + "。" + zh, rule.en() + ". " + en);
  }

  // ---- compiling the catalog's rules for one template version ----

  private Compiled compile(String format) {
    List<Equation> equations = new ArrayList<>();
    List<Equation> blankTotals = new ArrayList<>();
    List<Statement> statements = new ArrayList<>();
    List<Bound> bounds = new ArrayList<>();
    Rule negative = null;
    Rule fraction = null;
    List<MetricDef> defs = catalog.metrics(format);
    List<String> keys = defs.stream().map(MetricDef::key).toList();
    Map<String, Integer> at = new java.util.HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      at.put(keys.get(i), i);
    }
    boolean[] negativeAt = new boolean[keys.size()];
    boolean[] countAt = new boolean[keys.size()];
    Map<String, List<Equation>> byRule = new java.util.HashMap<>();
    for (Rule rule : rules.reportRules()) {
      JsonNode spec = rule.spec();
      switch (rule.kind()) {
        case "sum" -> byRule.put(rule.id(), sumEquations(rule, format, at));
        case "row_sum" -> byRule.put(rule.id(), rowSums(rule, format, at));
        case "text" -> {
          for (JsonNode st : spec.path("statements")) {
            List<String> cells = new ArrayList<>();
            st.path("cells").forEach(n -> cells.add(n.asText()));
            // a statement about a cell the version does not have is never evaluated on its reports
            if (at.keySet().containsAll(cells)) {
              statements.add(new Statement(rule, Pattern.compile(st.path("pattern").asText()), List.copyOf(cells),
                  positions(cells, at)));
            }
          }
        }
        case "negative" -> {
          negative = rule;
          Set<String> except = new java.util.HashSet<>();
          spec.path("except_columns").forEach(n -> except.add(n.asText()));
          for (int i = 0; i < defs.size(); i++) {
            negativeAt[i] = !except.contains(defs.get(i).column());
          }
        }
        case "fraction" -> {
          fraction = rule;
          for (int i = 0; i < defs.size(); i++) {
            countAt[i] = !defs.get(i).decimal();
          }
        }
        case "exceeds_total" -> bounds.addAll(bounds(rule, format, at));
        case "blank_total" -> { }
        default -> throw new IllegalStateException("rule " + rule.id() + " has unknown kind " + rule.kind());
      }
    }
    byRule.values().forEach(equations::addAll);
    for (Rule rule : rules.reportRules()) {
      if ("blank_total".equals(rule.kind())) {
        for (JsonNode of : rule.spec().path("of")) {
          for (Equation e : byRule.getOrDefault(of.asText(), List.of())) {
            if (e.singleTotal()) {
              blankTotals.add(new Equation(rule, e.where(), e.left(), e.right(), e.leftAt(), e.rightAt()));
            }
          }
        }
      }
    }
    return new Compiled(keys, Map.copyOf(at), List.copyOf(equations), List.copyOf(blankTotals),
        List.copyOf(statements), List.copyOf(bounds), negative, negativeAt, fraction, countAt);
  }

  /** The catalog positions of metric keys, each of the version (the sums and bounds are built from its rows). */
  private static int[] positions(List<String> keys, Map<String, Integer> at) {
    int[] out = new int[keys.size()];
    for (int i = 0; i < out.length; i++) {
      Integer position = at.get(keys.get(i));
      if (position == null) {
        throw new IllegalStateException("a report rule names " + keys.get(i) + ", which its template version lacks");
      }
      out[i] = position;
    }
    return out;
  }

  private TableSpec table(String id) {
    return catalog.tables().stream().filter(t -> t.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no table " + id));
  }

  /** Rows named in a spec: a list of row keys, or {rows: first..last} for a span in template order. */
  private static List<RowSpec> rowsOf(JsonNode node, List<RowSpec> rows) {
    if (node.isArray()) {
      List<RowSpec> out = new ArrayList<>();
      node.forEach(n -> rows.stream().filter(r -> r.key().equals(n.asText())).findFirst().ifPresent(out::add));
      return out;
    }
    String[] span = node.path("rows").asText().split("\\.\\.");
    int from = -1;
    int to = -1;
    for (int i = 0; i < rows.size(); i++) {
      String key = rows.get(i).key();
      if (from < 0 && (key.equals(span[0]) || key.startsWith(span[0] + "."))) {
        from = i;
      }
      if (key.equals(span[1]) || key.startsWith(span[1] + ".")) {
        to = i;
      }
    }
    return from < 0 || to < from ? List.of() : rows.subList(from, to + 1);
  }

  private List<Equation> sumEquations(Rule rule, String format, Map<String, Integer> at) {
    List<RowSpec> rows = table(rule.spec().path("table").asText()).rows(format);
    List<RowSpec> left = rowsOf(rule.spec().path("left"), rows);
    List<RowSpec> right = rowsOf(rule.spec().path("right"), rows);
    List<Equation> out = new ArrayList<>();
    if (left.isEmpty() || right.isEmpty()) {
      return out;
    }
    for (ColumnSpec col : left.get(0).columns()) {
      List<String> l = left.stream().map(r -> r.metricKey(col)).toList();
      List<String> r = right.stream().map(x -> x.metricKey(col)).toList();
      out.add(new Equation(rule, rule.spec().path("table").asText() + " " + col.key(), l, r, positions(l, at),
          positions(r, at)));
    }
    return out;
  }

  private List<Equation> rowSums(Rule rule, String format, Map<String, Integer> at) {
    List<Equation> out = new ArrayList<>();
    for (RowSpec row : table(rule.spec().path("table").asText()).rows(format)) {
      List<ColumnSpec> cols = row.columns();
      ColumnSpec total = cols.get(cols.size() - 1);
      if (!"total".equals(total.key())) {
        continue;
      }
      List<String> l = List.of(row.metricKey(total));
      List<String> r = cols.subList(0, cols.size() - 1).stream().map(row::metricKey).toList();
      out.add(new Equation(rule, row.table() + "." + row.key(), l, r, positions(l, at), positions(r, at)));
    }
    return out;
  }

  private static Bound bound(Rule rule, String part, String total, Map<String, Integer> at) {
    int[] positions = positions(List.of(part, total), at);
    return new Bound(rule, part, total, positions[0], positions[1]);
  }

  private List<Bound> bounds(Rule rule, String format, Map<String, Integer> at) {
    List<RowSpec> rows = table(rule.spec().path("table").asText()).rows(format);
    RowSpec columnTotal = rows.stream().filter(r -> r.key().equals(rule.spec().path("column_total").asText()))
        .findFirst().orElseThrow();
    List<Bound> out = new ArrayList<>();
    for (RowSpec row : rowsOf(rule.spec(), rows)) {
      for (ColumnSpec col : row.columns()) {
        out.add(bound(rule, row.metricKey(col), columnTotal.metricKey(col), at));
      }
    }
    for (RowSpec row : rows) {
      ColumnSpec total = row.columns().get(row.columns().size() - 1);
      for (ColumnSpec col : row.columns().subList(0, row.columns().size() - 1)) {
        out.add(bound(rule, row.metricKey(col), row.metricKey(total), at));
      }
    }
    return out;
  }
}
