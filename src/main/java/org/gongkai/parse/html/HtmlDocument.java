package org.gongkai.parse.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.gongkai.parse.table.Labels;
import org.gongkai.parse.table.Token;
import org.gongkai.parse.text.SourceDocument;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/**
 * An HTML page read with jsoup: page chrome (navigation, header, footer, scripts) removed, prose as lines, and
 * every data table expanded into a true grid honouring rowspan and colspan, one line per grid row. Tables that
 * only lay out the page (they contain other tables) are read as prose around the tables inside them.
 */
public final class HtmlDocument implements SourceDocument {

  private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
      "section", "article", "main", "center", "blockquote", "pre", "dl", "dt", "dd", "tr", "td", "th", "caption",
      "table", "tbody", "thead", "tfoot", "hr", "body", "form", "aside", "figure", "figcaption", "header",
      "footer");
  // CSS queries compiled once and shared by every page (jsoup's Evaluators are thread-safe)
  private static final Evaluator DROPPED = QueryParser.parse("script, style, noscript, iframe, nav, select, button, "
      + "svg, object, embed, template, input, textarea");
  private static final Evaluator CHROME_CANDIDATES = QueryParser.parse("header, footer, [class], [id]");
  private static final Evaluator TABLE = QueryParser.parse("table");
  private static final Evaluator ROW = QueryParser.parse("tr");
  private static final Pattern CHROME = Pattern.compile(
      "(^|[\\s_-])(nav|navbar|menu|footer|foot|header|top|topbar|breadcrumb|crumb|sidebar|share|toolbar|"
          + "copyright|bottom|links|search|login|position|location)([\\s_-]|\\d|$)", Pattern.CASE_INSENSITIVE);
  private static final int MAX_SPAN = 200;

  private final List<String> lines = new ArrayList<>();
  private final List<List<Token>> rows = new ArrayList<>();
  private final String title;

  public HtmlDocument(String html) {
    Document doc = Jsoup.parse(html, "", Parser.htmlParser());
    this.title = doc.title().isBlank() ? null : doc.title();
    Element body = doc.body();
    removeChrome(body);
    new Walker().walk(body);
  }

  @Override
  public List<String> lines() {
    return lines;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public Cells cells(int from, int to) {
    List<Token> tokens = new ArrayList<>();
    for (int i = from; i < to; i++) {
      List<Token> row = rows.get(i);
      if (row != null) {
        tokens.addAll(row);
        tokens.add(Token.rowEnd(row.isEmpty() ? i + 1 : row.get(0).line()));
      }
    }
    return new Cells(tokens, true, "html");
  }

  /** Navigation, headers and footers, unless they hold the report itself. */
  private static void removeChrome(Element body) {
    body.select(DROPPED).remove();
    for (Element e : body.select(CHROME_CANDIDATES)) {
      if (e.parent() == null) {
        continue; // already removed with an ancestor
      }
      boolean chrome = e.normalName().equals("header") || e.normalName().equals("footer")
          || CHROME.matcher(e.className()).find() || CHROME.matcher(e.id()).find();
      if (chrome && !holdsReport(e)) {
        e.remove();
      }
    }
  }

  private static boolean holdsReport(Element e) {
    String text = Labels.squeeze(e.text());
    return text.contains("政府信息公开申请") || text.contains("政府信息公开工作年度报告") || !e.select(TABLE).isEmpty();
  }

  /** Walks the body in document order, cutting prose into lines at block boundaries. */
  private final class Walker implements NodeFilter {
    private final StringBuilder current = new StringBuilder();

    void walk(Element body) {
      NodeTraversor.filter(this, body);
      flush();
    }

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode text) {
        current.append(text.text());
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element e)) {
        return FilterResult.CONTINUE;
      }
      if (e.normalName().equals("br")) {
        flush();
      } else if (e.normalName().equals("table") && e.select(TABLE).size() == 1) {
        flush();
        addGrid(e);
        return FilterResult.SKIP_ENTIRELY;
      } else if (BLOCKS.contains(e.normalName())) {
        flush();
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
        flush();
      }
      return FilterResult.CONTINUE;
    }

    private void flush() {
      String line = Labels.trim(current.toString());
      current.setLength(0);
      if (!line.isEmpty()) {
        lines.add(line);
        rows.add(null);
      }
    }
  }

  /** Expands a table into its grid and adds one line (with its cells) per grid row. */
  private void addGrid(Element table) {
    List<Element> trs = table.select(ROW);
    List<GridCell[]> grid = new ArrayList<>();
    for (int r = 0; r < trs.size(); r++) {
      Element tr = trs.get(r);
      int c = 0;
      for (Element td : tr.children()) {
        if (!td.normalName().equals("td") && !td.normalName().equals("th")) {
          continue;
        }
        while (at(grid, r, c) != null) {
          c++;
        }
        int rowspan = span(td.attr("rowspan"));
        int colspan = span(td.attr("colspan"));
        // lineage for HTML: the position of the grid row among the page's lines
        Token token = Labels.classify(td.text(), lines.size() + r + 1);
        for (int dr = 0; dr < rowspan && r + dr < trs.size(); dr++) {
          for (int dc = 0; dc < colspan; dc++) {
            put(grid, r + dr, c + dc, new GridCell(token, dr > 0, dc > 0));
          }
        }
        c += colspan;
      }
    }
    for (GridCell[] gridRow : grid) {
      List<Token> cells = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (GridCell cell : gridRow) {
        if (cell == null || cell.colCopy()) {
          continue; // a cell spanning columns is one cell
        }
        if (cell.rowCopy()) {
          // a label spanning rows (三、本年度办理结果, （三）不予公开) labels each of them; a value belongs to its first row
          if (cell.token().kind() == Token.Kind.LABEL) {
            cells.add(cell.token());
          }
          continue;
        }
        cells.add(cell.token());
        if (!cell.token().text().isEmpty()) {
          text.append(text.length() == 0 ? "" : " | ").append(cell.token().text());
        }
      }
      lines.add(text.toString());
      rows.add(cells);
    }
  }

  private static int span(String attr) {
    if (attr.isEmpty()) {
      return 1; // most cells: no exception thrown and caught on the hot path
    }
    try {
      int n = Integer.parseInt(attr.trim());
      return Math.max(1, Math.min(n, MAX_SPAN));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static GridCell at(List<GridCell[]> grid, int r, int c) {
    if (r >= grid.size()) {
      return null;
    }
    GridCell[] row = grid.get(r);
    return c < row.length ? row[c] : null;
  }

  private static void put(List<GridCell[]> grid, int r, int c, GridCell cell) {
    while (grid.size() <= r) {
      grid.add(new GridCell[0]);
    }
    GridCell[] row = grid.get(r);
    if (c >= row.length) {
      GridCell[] wider = new GridCell[Math.max(c + 1, row.length * 2)];
      System.arraycopy(row, 0, wider, 0, row.length);
      grid.set(r, wider);
      row = wider;
    }
    row[c] = cell;
  }

  private record GridCell(Token token, boolean rowCopy, boolean colCopy) {
  }
}
