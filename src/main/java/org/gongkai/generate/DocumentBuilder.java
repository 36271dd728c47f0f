package org.gongkai.generate;

import static org.gongkai.generate.TemplateView.NEW_RECEIVED;
import static org.gongkai.generate.TemplateView.TOTAL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gongkai.catalog.TableSpec;
import org.gongkai.generate.ReportDocument.Block;
import org.gongkai.generate.ReportDocument.Heading;
import org.gongkai.generate.ReportDocument.Paragraph;
import org.gongkai.generate.ReportDocument.Table;

/**
 * Writes a report's content (prose.yaml, template.yaml): the title, the opening paragraph with the template
 * citation, the 统计期限 sentence and the contact, the overview with its stray figures, the three tables, and the
 * closing sections.
 */
final class DocumentBuilder {

  private final Settings prose;
  private final Settings template;
  private final Settings corpus;
  private final Tables tables;

  DocumentBuilder(Settings prose, Settings template, Settings corpus) {
    this.prose = prose;
    this.template = template;
    this.corpus = corpus;
    this.tables = new Tables(template);
  }

  /**
   * @param cellTexts the printed text of every value cell
   * @param stated    the number of applications the prose states when it contradicts table 3, else null
   */
  ReportDocument build(Agency a, int year, TemplateView t, Figures f, Map<String, String> cellTexts,
                       boolean amountInYuan, Long stated, FileLayout layout, SplittableRandom r) {
    String phone = phone(a, r);
    Map<String, String> values = new HashMap<>();
    values.put("agency", a.name());
    values.put("self", a.self());
    values.put("place", a.place());
    values.put("gov", a.gov());
    values.put("year", Integer.toString(year));
    values.put("next", Integer.toString(year + 1));
    values.put("phone", phone);
    values.put("phone2", phone(a, r));
    values.put("zip", Long.toString(Draws.between(r, 100000, 859999)));
    values.put("road", Draws.pick(r, prose.strings("roads")));
    values.put("address", text("address", values, r));
    values.put("citation", t.version().zh());
    values.put("abbr", a.province().abbr());

    List<String> title = new ArrayList<>();
    String titleText = Placeholders.fill(Draws.pick(r, template.strings("title")), values, r);
    boolean titled = !(corpus.strings("title.absentIn").contains(layout.id())
        && Draws.chance(r, corpus.number("title.absent")));
    if (titled) {
      if (Draws.chance(r, corpus.number("title.wrapped"))) {
        int at = (int) Draws.between(r, a.name().length() + 6, titleText.length() - 1);
        title.add(titleText.substring(0, at));
        title.add(titleText.substring(at));
      } else {
        title.add(titleText);
      }
    }
    // without a title the contact sentence is where a reader (and a parser) learns the agency's name
    values.put("contact", titled && r.nextInt(5) < 2 ? a.name() + Draws.pick(r, prose.strings("contactOffices"))
        : a.name());

    List<Block> blocks = new ArrayList<>();
    blocks.addAll(opening(t, values, r));
    blocks.add(new Heading(template.text("overview"), 1, null));
    if (r.nextBoolean()) {
      blocks.add(new Paragraph(text("overview", values, r)));
    }
    blocks.addAll(subsection("proactive", "proactive.text", values, r));
    values.put("n", stated != null ? stated.toString() : Long.toString(f.count(TemplateView.t3(NEW_RECEIVED, TOTAL))));
    blocks.add(new Heading(Draws.pick(r, prose.strings("requests.title")), 2, null));
    blocks.add(new Paragraph(requests(f, stated, values, r)));
    blocks.addAll(subsection("management", "management.text", values, r));
    blocks.addAll(subsection("platforms", "platforms.text", values, r));
    blocks.addAll(subsection("oversight", "oversight.text", values, r));

    blocks.add(tableHeading(t.t2(), r));
    blocks.add(new Table(tables.table2(t, cellTexts::get, amountInYuan)));
    blocks.add(tableHeading(t.t3(), r));
    blocks.add(new Table(tables.table3(t, cellTexts::get)));
    blocks.add(tableHeading(t.t4(), r));
    blocks.add(new Table(tables.table4(t, cellTexts::get)));

    blocks.add(new Heading(Draws.pick(r, template.strings("problems")), 1, null));
    blocks.add(new Paragraph(text("problems", values, r)));
    if (!Draws.chance(r, 0.1)) {
      blocks.add(new Heading(Draws.pick(r, template.strings("other")), 1, null));
      blocks.add(new Paragraph(text("other", values, r)));
    }
    String site = text("site.names", values, r);
    String pageTitle = titled ? titleText + (r.nextBoolean() ? "_" + site : "")
        : r.nextBoolean() ? Draws.pick(r, prose.strings("site.pageTitles")) : site;
    boolean halfWidth = !layout.html() && !layout.printed() && Draws.chance(r, corpus.number("halfWidthPunctuation"));
    return new ReportDocument(a, year, t.format(), title, pageTitle, site, blocks, phone, halfWidth);
  }

  /** The opening paragraph(s): the template cited, the period the figures cover, where to ask. */
  private List<Block> opening(TemplateView t, Map<String, String> values, SplittableRandom r) {
    String basis = Draws.chance(r, corpus.number("citationAbsent")) ? text("basis.none", values, r)
        : text("basis." + t.format(), values, r);
    StringBuilder first = new StringBuilder(basis);
    if (Draws.chance(r, 0.3)) {
      first.append(text("contents", values, r));
    }
    first.append(text("period", values, r));
    StringBuilder second = new StringBuilder();
    if (Draws.chance(r, 0.4)) {
      second.append(text("website", values, r));
    }
    second.append(text("contact", values, r));
    if (r.nextBoolean()) {
      return List.of(new Paragraph(first.toString() + second));
    }
    return List.of(new Paragraph(first.toString()), new Paragraph(second.toString()));
  }

  private List<Block> subsection(String name, String textPath, Map<String, String> values, SplittableRandom r) {
    return List.of(new Heading(Draws.pick(r, prose.strings(name + ".title")), 2, null),
        new Paragraph(text(textPath, values, r)));
  }

  /** The 依申请公开 paragraph: most reports state how many applications they received. */
  private String requests(Figures f, Long stated, Map<String, String> values, SplittableRandom r) {
    String other = text("requests.other", values, r);
    if (stated == null && !Draws.chance(r, corpus.number("applicationSentence"))) {
      return other;
    }
    long n = stated != null ? stated : f.count(TemplateView.t3(NEW_RECEIVED, TOTAL));
    String sentence = n == 0 && stated == null && r.nextBoolean() ? text("requests.none", values, r)
        : text("requests.some", values, r);
    return r.nextBoolean() ? sentence + other : other + sentence;
  }

  private Heading tableHeading(TableSpec table, SplittableRandom r) {
    String standard = tables.heading(table);
    List<String> variants = template.has("headingVariants." + table.id())
        ? template.strings("headingVariants." + table.id()) : List.of();
    String text = !variants.isEmpty() && Draws.chance(r, 0.15) ? Draws.pick(r, variants) : standard;
    return new Heading(text, 1, table.id());
  }

  private String text(String path, Map<String, String> values, SplittableRandom r) {
    return Placeholders.fill(Draws.pick(r, prose.strings(path)), values, r);
  }

  /** A landline in the agency's area code: 0576-82511301. */
  private static String phone(Agency a, SplittableRandom r) {
    String area = a.areaCode();
    int digits = area.length() == 3 || r.nextInt(6) > 0 ? 8 : 7;
    long first = Draws.between(r, 2, 8);
    long rest = Draws.between(r, 0, (long) Math.pow(10, digits - 1) - 1);
    return area + "-" + first + String.format(java.util.Locale.ROOT, "%0" + (digits - 1) + "d", rest);
  }
}
