package org.gongkai.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.MetricDef;
import org.gongkai.catalog.RowSpec;
import org.gongkai.catalog.TableSpec;
import org.gongkai.parse.encoding.Decoded;
import org.gongkai.parse.encoding.TextDecoder;
import org.gongkai.parse.meta.FormatDetector;
import org.gongkai.parse.meta.Metadata;
import org.gongkai.parse.meta.MetadataExtractor;
import org.gongkai.parse.table.TableReader;
import org.gongkai.parse.table.TableResult;
import org.gongkai.parse.html.HtmlDocument;
import org.gongkai.parse.pdf.PdfDocument;
import org.gongkai.parse.text.Sections;
import org.gongkai.parse.text.SourceDocument;
import org.gongkai.parse.text.TextDocument;
import org.gongkai.parse.word.WordDocument;
import org.gongkai.region.AgencyClassifier;
import org.gongkai.region.Gazetteer;
import org.gongkai.region.RegionResolver;

/**
 * The parsing core: bytes and a file name in, a {@link Report} out. No Spark, no I/O: one instance is built per
 * JVM (it holds the compiled catalog) and is safe to share between threads.
 */
public final class ReportParser {

  private final MetricCatalog catalog;
  private final RegionResolver regions;
  private final AgencyClassifier agencies;
  private final DocumentLimits limits;
  private final Map<String, TableReader> readers = new ConcurrentHashMap<>();

  public ReportParser() {
    this(MetricCatalog.standard());
  }

  public ReportParser(MetricCatalog catalog) {
    this(catalog, DocumentLimits.STANDARD);
  }

  public ReportParser(MetricCatalog catalog, DocumentLimits limits) {
    this.catalog = catalog;
    this.limits = limits;
    this.regions = new RegionResolver(Gazetteer.standard());
    this.agencies = AgencyClassifier.standard();
  }

  public MetricCatalog catalog() {
    return catalog;
  }

  /**
   * @throws UnreadableReportException when the file is not a report gongkai can read (empty, binary, an
   *                                    unsupported format, no standard tables); the reason is for users
   */
  public Report parse(byte[] bytes, String source) throws UnreadableReportException {
    return parse(bytes, source, Hints.NONE);
  }

  /**
   * Parses with what is known about the file from outside it (a crawler's manifest): its fields override what
   * the report says, and the override is recorded as the field's basis.
   */
  public Report parse(byte[] bytes, String source, Hints hints) throws UnreadableReportException {
    if (bytes == null) {
      throw new UnreadableReportException("no content");
    }
    ContentType type = ContentType.sniff(bytes);
    // binary documents have no charset: their text is already Unicode
    if (type == ContentType.OOXML) {
      return read(source, WordDocument.docx(bytes, limits), null, List.of(), hints);
    }
    if (type == ContentType.OLE2) {
      return read(source, WordDocument.doc(bytes, limits), null, List.of(), hints);
    }
    if (type == ContentType.PDF) {
      return read(source, PdfDocument.read(bytes, limits), null, List.of(), hints);
    }
    Decoded decoded = TextDecoder.decode(bytes);
    SourceDocument doc = type == ContentType.HTML
        ? new HtmlDocument(decoded.text())
        : new TextDocument(decoded.text());
    try {
      return read(source, doc, decoded.charset(), decoded.warnings(), hints);
    } catch (UnreadableReportException e) {
      // a quarantined text file keeps the charset it was read with
      throw e.withEncoding(decoded.charset());
    }
  }

  /** Reads a decoded document of any source format into a report. */
  Report read(String source, SourceDocument doc, String charset, List<String> decodeWarnings, Hints hints)
      throws UnreadableReportException {
    List<String> lines = doc.lines();
    Map<String, Sections.Section> sections = Sections.find(lines, catalog);
    Metadata meta = hints.apply(MetadataExtractor.extract(lines, doc.title()));
    String text = String.join("\n", lines);
    FormatDetector.Decision format = FormatDetector.decide(catalog, text, sectionText(lines, sections, "t2"),
        sectionText(lines, sections, "t3"), meta.year());

    List<String> warnings = new ArrayList<>(decodeWarnings);
    Map<String, Cell> found = new HashMap<>();
    String layoutSeen = null;
    for (TableSpec table : catalog.tables()) {
      Sections.Section section = sections.get(table.id());
      if (section == null) {
        warnings.add("表" + table.number() + " " + table.zh() + " (" + table.id() + "): section heading not found");
        continue;
      }
      SourceDocument.Cells cells = doc.cells(section.from(), section.to());
      TableResult result = reader(format.format(), table).read(cells.tokens(), cells.rowStructured(),
          cells.layout());
      found.putAll(result.cells());
      warnings.addAll(result.warnings());
      if (layoutSeen == null || "t3".equals(table.id())) {
        layoutSeen = cells.layout();
      }
    }
    if (found.isEmpty()) {
      throw new UnreadableReportException(sections.isEmpty()
          ? "no standard tables found"
          : "no standard tables found: headings present but no table values under them");
    }
    List<Cell> cells = assemble(format.format(), found, warnings);
    if (meta.agency() == null) {
      warnings.add("agency name not found (no title, 请与…联系 or 本报告由… sentence)");
    }
    if (meta.year() == null) {
      warnings.add("report year not found (no 统计期限 sentence or dated title)");
    }
    RegionResolver.Resolution place = regions.resolve(new RegionResolver.Evidence(meta.agency(), meta.address(),
        meta.contactPhone(), hints.regionCode(), source));
    warnings.addAll(place.warnings());
    String opening = String.join("\n", lines.subList(0, Math.min(lines.size(), 8)));
    return new Report(source, meta.agency(), meta.agencyBasis(), meta.year(), meta.yearBasis(), format.format(),
        format.basis(), meta.contactPhone(), place.region(), agencies.level(meta.agency(), place.nameLevel()),
        agencies.category(meta.agency()), agencies.scope(meta.title(), opening), meta.title(), charset,
        layoutSeen, cells, warnings, prose(lines, sections));
  }

  /** Every catalog cell of the version, found or missing, with one warning per incomplete row. */
  private List<Cell> assemble(String format, Map<String, Cell> found, List<String> warnings) {
    List<Cell> cells = new ArrayList<>();
    Map<String, List<String>> missingByRow = new LinkedHashMap<>();
    Map<String, List<String>> blankByRow = new LinkedHashMap<>();
    for (MetricDef def : catalog.metrics(format)) {
      Cell cell = found.get(def.key());
      String row = def.table() + "." + def.row();
      if (cell == null) {
        cell = Cell.missing(def.key());
        missingByRow.computeIfAbsent(row, k -> new ArrayList<>()).add(def.column());
      } else if (cell.isBlank()) {
        blankByRow.computeIfAbsent(row, k -> new ArrayList<>())
            .add(def.column() + (cell.raw().isEmpty() ? "" : " '" + cell.raw() + "'"));
      }
      cells.add(cell);
    }
    missingByRow.forEach((row, cols) -> warnings.add(row + " (" + rowLabel(format, row) + "): not found, "
        + cols.size() + " cells null"));
    blankByRow.forEach((row, cols) -> warnings.add(row + " (" + rowLabel(format, row) + "): left blank in the report: "
        + String.join(", ", cols)));
    return cells;
  }

  private String rowLabel(String format, String tableDotRow) {
    int dot = tableDotRow.indexOf('.');
    String table = tableDotRow.substring(0, dot);
    String row = tableDotRow.substring(dot + 1);
    return catalog.tables().stream().filter(t -> t.id().equals(table))
        .flatMap(t -> t.rows(format).stream()).filter(r -> r.key().equals(row))
        .map(RowSpec::zh).findFirst().orElse(row);
  }

  private TableReader reader(String format, TableSpec table) {
    return readers.computeIfAbsent(format + "/" + table.id(), k -> new TableReader(table, format));
  }

  /** The lines outside the table sections: the report's words. */
  private static String prose(List<String> lines, Map<String, Sections.Section> sections) {
    boolean[] table = new boolean[lines.size()];
    for (Sections.Section s : sections.values()) {
      for (int i = s.from(); i < s.to(); i++) {
        table[i] = true;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (!table[i]) {
        sb.append(lines.get(i)).append('\n');
      }
    }
    return sb.toString();
  }

  private static String sectionText(List<String> lines, Map<String, Sections.Section> sections, String table) {
    Sections.Section s = sections.get(table);
    return s == null ? "" : String.join("\n", lines.subList(s.from(), s.to()));
  }
}
