package org.gongkai.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gongkai.generate.Grid.Cell;
import org.gongkai.generate.Grid.Role;
import org.gongkai.generate.ReportDocument.Block;
import org.gongkai.generate.ReportDocument.Heading;
import org.gongkai.generate.ReportDocument.Paragraph;
import org.gongkai.generate.ReportDocument.Table;

/**
 * A government website's page (the html_* fixtures): page chrome around the article (top bar, navigation,
 * breadcrumbs, footer with phone and ICP numbers), tables with rowspan and colspan, in UTF-8 or GB18030 under a
 * gb2312 or gbk declaration. Older sites lay the whole page out in a table.
 */
final class HtmlRenderer implements Renderer.Text {

  private static final String[] HEADINGS = {"<p><strong>%s</strong></p>", "<h3>%s</h3>",
      "<p style=\"font-weight:bold\">%s</p>", "<p class=\"MsoNormal\"><b><span>%s</span></b></p>"};
  private static final String[] PARAGRAPHS = {"<p>%s</p>", "<p style=\"text-indent:2em\">%s</p>",
      "<p>\u3000\u3000%s</p>", "<p class=\"MsoNormal\"><span>%s</span></p>"};

  private final FileLayout layout;
  private final Settings corpus;
  private final Settings prose;

  HtmlRenderer(FileLayout layout, Settings corpus, Settings prose) {
    this.layout = layout;
    this.corpus = corpus;
    this.prose = prose;
  }

  /** Per-page choices of markup. */
  private record Style(String heading, String paragraph, boolean th, boolean wordCells, boolean breaks,
                       boolean splitTable3, boolean brokenHeading) {
  }

  @Override
  public String render(ReportDocument doc, SplittableRandom r) {
    Style s = new Style(HEADINGS[r.nextInt(HEADINGS.length)], PARAGRAPHS[r.nextInt(PARAGRAPHS.length)],
        chance(r, "html.headerTh"), chance(r, "html.wordCells"), chance(r, "html.labelBreaks"),
        chance(r, "html.splitTable3"), chance(r, "html.headingBroken"));
    Map<String, String> facts = facts(doc, r);
    String site = doc.site();
    StringBuilder h = new StringBuilder();
    head(h, doc, r);
    if (chance(r, "html.layoutTable")) {
      oldSite(h, doc, s, facts, r);
    } else {
      modernSite(h, doc, s, site, facts, r);
    }
    h.append("</html>\n");
    return h.toString();
  }

  private boolean chance(SplittableRandom r, String path) {
    return r.nextDouble() < corpus.number(path);
  }

  private void head(StringBuilder h, ReportDocument doc, SplittableRandom r) {
    String charset = layout == FileLayout.HTML_UTF8 && !chance(r, "html.wrongCharset")
        ? (r.nextBoolean() ? "utf-8" : "UTF-8") : (r.nextBoolean() ? "gb2312" : "gbk");
    switch (r.nextInt(3)) {
      case 0 -> h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n");
      case 1 -> h.append("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
          + "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
          + "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n");
      default -> h.append("<html>\n");
    }
    h.append("<head>\n");
    h.append(r.nextBoolean() ? "<meta charset=\"" + charset + "\">\n"
        : "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + charset + "\">\n");
    h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.append("<title>").append(escape(doc.pageTitle())).append("</title>\n");
    h.append("<style>table { border-collapse: collapse; } td, th { border: 1px solid #000; }</style>\n");
    h.append("<script type=\"text/javascript\">var _hmt = _hmt || []; var siteId = ")
        .append(Draws.between(r, 1000, 99999)).append(";</script>\n");
    h.append("</head>\n");
  }

  private void modernSite(StringBuilder h, ReportDocument doc, Style s, String site, Map<String, String> facts,
                          SplittableRandom r) {
    h.append("<body>\n");
    h.append("<div class=\"top-bar\"><span>").append(escape(prose.text("site.welcome").replace("{site}", site)))
        .append("</span>");
    prose.strings("site.accessibility").forEach(a -> h.append(" <a href=\"#\">").append(escape(a)).append("</a>"));
    h.append("</div>\n");
    List<String> search = prose.strings("site.search");
    h.append("<div class=\"header\"><div class=\"logo\">").append(escape(site)).append("</div>")
        .append("<div class=\"search\"><input type=\"text\" placeholder=\"").append(escape(search.get(0)))
        .append("\"><button>").append(escape(search.get(1))).append("</button></div></div>\n");
    h.append("<div class=\"nav-menu\"><ul>");
    for (String item : prose.strings("site.nav")) {
      h.append("<li><a href=\"#\">").append(escape(item.replace("{place}", doc.agency().place()))).append("</a></li>");
    }
    h.append("</ul></div>\n");
    h.append("<div class=\"position\">").append(escape(prose.text("site.here"))).append("<a href=\"/\">")
        .append(escape(prose.text("site.home"))).append("</a> &gt; <a href=\"#\">")
        .append(escape(prose.text("site.section"))).append("</a> &gt; ")
        .append(escape(Draws.pick(r, prose.strings("site.crumbs")))).append("</div>\n");
    h.append("<div class=\"main-content\">\n<div class=\"article\">\n");
    if (!doc.title().isEmpty()) {
      h.append("<h1 class=\"art-title\">").append(joined(doc.title(), "<br>")).append("</h1>\n");
    }
    facts.put("date", String.format(java.util.Locale.ROOT, "%d-%02d-%02d", doc.year() + 1, Draws.between(r, 1, 3),
        Draws.between(r, 1, 28)));
    h.append("<div class=\"art-info\">").append(escape(Placeholders.fill(prose.text("site.info"), facts, r)))
        .append("</div>\n");
    h.append("<div class=\"art-con TRS_Editor\" id=\"zoom\">\n");
    for (Block b : doc.blocks()) {
      h.append(block(b, s, r)).append("\n");
    }
    h.append("</div>\n<div class=\"share\">").append(String.join(" ", prose.strings("site.tools")))
        .append("</div>\n</div>\n</div>\n");
    h.append("<div class=\"footer\">");
    for (String line : prose.strings("site.footer")) {
      if (r.nextInt(4) > 0) {
        h.append("<p>").append(escape(Placeholders.fill(line, facts, r))).append("</p>");
      }
    }
    h.append("</div>\n</body>\n");
  }

  /** An older site: the page is one layout table, the report's parts in its cells (html_2021_gbk_gb2312). */
  private void oldSite(StringBuilder h, ReportDocument doc, Style s, Map<String, String> facts, SplittableRandom r) {
    h.append("<body>\n<table width=\"960\" align=\"center\" class=\"layout\">\n");
    h.append("<tr><td class=\"header-links\">");
    List<String> nav = prose.strings("site.oldNav");
    for (int i = 0; i < nav.size(); i++) {
      h.append(i == 0 ? "" : " | ").append("<a href=\"#\">").append(escape(nav.get(i))).append("</a>");
    }
    h.append("</td></tr>\n");
    if (!doc.title().isEmpty()) {
      h.append("<tr><td><table width=\"100%\"><tr><td align=\"center\"><font size=\"5\"><b>")
          .append(joined(doc.title(), "<br>")).append("</b></font></td></tr></table></td></tr>\n");
    }
    for (Block b : doc.blocks()) {
      String html = b instanceof Paragraph p ? "<div>" + escape(p.text()) + "</div>" : block(b, s, r);
      h.append("<tr><td>\n").append(html).append("\n</td></tr>\n");
    }
    h.append("<tr><td class=\"copyright\">").append(escape(Placeholders.fill(prose.text("site.copyright"), facts, r)))
        .append("</td></tr>\n</table>\n</body>\n");
  }

  private String block(Block b, Style s, SplittableRandom r) {
    if (b instanceof Heading head) {
      String text = escape(head.text());
      String at = corpus.text("html.headingBreak");
      if (s.brokenHeading() && "t3".equals(head.table()) && text.contains(at)) {
        text = text.replaceFirst(at, "<br>" + at);
      }
      return head.level() == 1 ? String.format(s.heading(), text) : String.format("<p>%s</p>", text);
    }
    if (b instanceof Paragraph p) {
      return String.format(s.paragraph(), escape(p.text()));
    }
    Grid grid = ((Table) b).grid();
    List<List<Cell>> rows = grid.rows();
    if (s.splitTable3() && "t3".equals(grid.table())) {
      int at = (int) Draws.between(r, 6, rows.size() - 3);
      return table(grid, rows.subList(0, at), s, r) + "\n<p>&nbsp;</p>\n" + table(grid, rows.subList(at, rows.size()),
          s, r);
    }
    return table(grid, rows, s, r);
  }

  private String table(Grid grid, List<List<Cell>> rows, Style s, SplittableRandom r) {
    StringBuilder t = new StringBuilder("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\"");
    t.append("t2".equals(grid.table()) ? ">\n" : " class=\"MsoTableGrid\">\n");
    for (List<Cell> row : rows) {
      t.append("<tr>");
      for (Cell c : row) {
        String tag = s.th() && (c.role() == Role.HEADER || c.role() == Role.NOTE) ? "th" : "td";
        t.append('<').append(tag);
        if (c.rowspan() > 1) {
          t.append(" rowspan=\"").append(c.rowspan()).append('"');
        }
        if (c.colspan() > 1) {
          t.append(" colspan=\"").append(c.colspan()).append('"');
        }
        t.append('>').append(content(c, s, r)).append("</").append(tag).append('>');
      }
      t.append("</tr>\n");
    }
    return t.append("</table>").toString();
  }

  private static String content(Cell c, Style s, SplittableRandom r) {
    String text;
    if (c.role() == Role.VALUE) {
      text = c.text().isEmpty() ? (r.nextBoolean() ? "&nbsp;" : "") : escape(c.text());
    } else if (s.breaks() && c.role() == Role.HEADER && c.text().length() == 4) {
      text = escape(c.text().substring(0, 2)) + "<br>" + escape(c.text().substring(2));   // 商业<br>企业
    } else if (s.breaks() && c.role() == Role.GROUP && c.text().length() > 6) {
      text = joined(Renderer.pieces(c.text(), 4), "<br>");                                  // 三、本年<br>度办理<br>结果
    } else {
      text = escape(c.text());
    }
    if (s.wordCells()) {
      return "<p class=\"MsoNormal\" align=\"center\"><span style=\"font-size:10.5pt\">" + text + "</span></p>";
    }
    return c.role() == Role.GROUP ? "<span>" + text + "</span>" : text;
  }

  private Map<String, String> facts(ReportDocument doc, SplittableRandom r) {
    Agency a = doc.agency();
    Map<String, String> facts = new HashMap<>();
    facts.put("gov", a.gov());
    facts.put("place", a.place());
    facts.put("abbr", a.province().abbr());
    facts.put("phone2", a.areaCode() + "-" + Draws.between(r, 20000000, 89999999));
    facts.put("road", Draws.pick(r, prose.strings("roads")));
    facts.put("address", Placeholders.fill(Draws.pick(r, prose.strings("address")), facts, r));
    facts.put("agency", a.name());
    return facts;
  }

  private static String joined(List<String> parts, String separator) {
    List<String> escaped = new ArrayList<>();
    parts.forEach(p -> escaped.add(escape(p)));
    return String.join(separator, escaped);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
