package org.gongkai.parse.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.gongkai.parse.table.Grid;
import org.gongkai.parse.table.Labels;
import org.gongkai.parse.text.SourceDocument;
import org.gongkai.parse.text.StructuredLines;
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
  // elements that never hold report text
  private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "iframe", "nav", "select",
      "button", "svg", "object", "embed", "template", "input", "textarea");
  // CSS queries compiled once and shared by every page (jsoup's Evaluators are thread-safe)
  private static final Evaluator TABLE = QueryParser.parse("table");
  private static final Evaluator ROW = QueryParser.parse("tr");
  private static final Pattern CHROME = Pattern.compile(
      "(^|[\\s_-])(nav|navbar|menu|footer|foot|header|top|topbar|breadcrumb|crumb|sidebar|share|toolbar|"
          + "copyright|bottom|links|search|login|position|location)([\\s_-]|\\d|$)", Pattern.CASE_INSENSITIVE);

  private final StructuredLines out = new StructuredLines();
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
    return out.lines();
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public Cells cells(int from, int to) {
    return out.cells(from, to, "html");
  }

  /** Scripts and form controls, then navigation, headers and footers unless they hold the report itself. */
  private static void removeChrome(Element body) {
    // one walk over the page collects both kinds (two CSS selects walked it twice)
    List<Element> dropped = new ArrayList<>();
    List<Element> candidates = new ArrayList<>();
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (!(node instanceof Element e)) {
          return FilterResult.SKIP_CHILDREN;
        }
        if (DROPPED.contains(e.normalName())) {
          dropped.add(e);
          return FilterResult.SKIP_ENTIRELY;
        }
        if (e.normalName().equals("header") || e.normalName().equals("footer") || e.hasAttr("class")
            || e.hasAttr("id")) {
          candidates.add(e);
        }
        return FilterResult.CONTINUE;
      }
    }, body);
    dropped.forEach(Element::remove);
    for (Element e : candidates) {
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
      out.prose(current.toString());
      current.setLength(0);
    }
  }

  /** Expands a table into its grid and adds one line (with its cells) per grid row. */
  private void addGrid(Element table) {
    List<Element> trs = table.select(ROW);
    // lineage for HTML: the position of the grid row among the page's lines
    Grid grid = new Grid(trs.size(), out.nextLine());
    for (int r = 0; r < trs.size(); r++) {
      int c = 0;
      for (Element td : trs.get(r).children()) {
        if (!td.normalName().equals("td") && !td.normalName().equals("th")) {
          continue;
        }
        c = grid.nextFree(r, c);
        int colspan = span(td.attr("colspan"));
        grid.add(r, c, cellText(td), span(td.attr("rowspan")), colspan);
        c += colspan;
      }
    }
    out.table(grid);
  }

  /**
   * The cell's text for {@link Grid#add}: most cells hold one text node, read without the tree walk of
   * {@link Element#text()}. Its whitespace may differ from text()'s, which the cell's classification collapses;
   * the invisible characters text() drops (soft hyphen, zero-width space) send the cell to text().
   */
  private static String cellText(Element td) {
    if (td.childNodeSize() == 1 && td.childNode(0) instanceof TextNode node) {
      String text = node.getWholeText();
      if (text.indexOf('\u00ad') < 0 && text.indexOf('\u200b') < 0) {
        return text;
      }
    }
    return td.text();
  }

  private static int span(String attr) {
    if (attr.isEmpty()) {
      return 1; // most cells: no exception thrown and caught on the hot path
    }
    try {
      int n = Integer.parseInt(attr.trim());
      return Math.max(1, Math.min(n, Grid.MAX_SPAN));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
