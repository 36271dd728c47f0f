package org.gongkai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.gongkai.parse.Cell;
import org.gongkai.parse.Report;
import org.gongkai.parse.ReportParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser reads what the generator writes: every layout, both template versions, blanks, anomalies and noise.
 * A cell is right when the parsed value equals the truth, or both are blank.
 */
class GeneratedCorpusParseTest {

  private static final int REPORTS = 300;
  private static final int PRINTED_REPORTS = 60;
  private static final ReportParser PARSER = new ReportParser();
  private static final java.util.regex.Pattern YEAR_FIRST = java.util.regex.Pattern.compile(
      "^\\d{4}年[^\\d\n]{2,40}政府信息公开工作年度报告", java.util.regex.Pattern.MULTILINE);
  private static final java.util.regex.Pattern SUFFIXED = java.util.regex.Pattern.compile(
      "政府信息公开工作年度报告（\\d{4}年）");

  @TempDir
  Path tmp;

  /** What the parser read of a generated corpus, against its truth. */
  private record Tally(Map<String, long[]> byLayout, Map<String, Integer> layoutFormats, List<String> wrongMeta,
                       List<String> wrongCells, List<String> wrongRegion, Map<String, Integer> forms) {

    double accuracy() {
      long right = byLayout.values().stream().mapToLong(c -> c[0]).sum();
      return (double) right / byLayout.values().stream().mapToLong(c -> c[1]).sum();
    }
  }

  @Test
  void parserReadsGeneratedReportsOfEveryLayoutAndBothTemplates() throws Exception {
    Tally t = read(GeneratedCorpus.generate(tmp, REPORTS, 2024, 0.05));
    assertThat(t.layoutFormats()).as("every layout in both template versions").containsOnlyKeys(
        "cells/2019", "cells/2021", "html-gb18030/2019", "html-gb18030/2021", "html-utf8/2019", "html-utf8/2021",
        "pdf/2019", "pdf/2021", "pipe/2019", "pipe/2021", "tab/2019", "tab/2021");
    assertThat(t.wrongMeta()).as("agency and year").isEmpty();
    assertThat(t.wrongRegion()).as("region").isEmpty();
    assertThat(t.forms()).as("title forms and names the corpus must hold").containsOnlyKeys("year first",
        "year suffixed", "ambiguous county");
    assertThat(t.accuracy()).as("overall cell accuracy; first misreads: %s", t.wrongCells())
        .isGreaterThanOrEqualTo(0.999);
    t.byLayout().forEach((layout, c) -> assertThat((double) c[0] / c[1])
        .as("%s cell accuracy; first misreads: %s", layout, t.wrongCells()).isGreaterThanOrEqualTo(0.995));
  }

  /** Real PDF files, a web page printed three ways, in both templates: every layout at 99.9% of cells. */
  @Test
  void parserReadsGeneratedPrintedPdfs() throws Exception {
    Map<String, Double> printed = new java.util.LinkedHashMap<>();
    for (String layout : List.of("pdf-ruled", "pdf-boxed", "pdf-clipped")) {
      printed.put(layout, 1.0);
    }
    Tally t = read(GeneratedCorpus.generate(tmp, PRINTED_REPORTS, 7, 0.05, printed));
    assertThat(t.layoutFormats()).as("every printed layout in both template versions").containsOnlyKeys(
        "pdf-boxed/2019", "pdf-boxed/2021", "pdf-clipped/2019", "pdf-clipped/2021", "pdf-ruled/2019",
        "pdf-ruled/2021");
    assertThat(t.wrongMeta()).as("agency and year").isEmpty();
    assertThat(t.wrongRegion()).as("region").isEmpty();
    t.byLayout().forEach((layout, c) -> assertThat((double) c[0] / c[1])
        .as("%s cell accuracy; first misreads: %s", layout, t.wrongCells()).isGreaterThanOrEqualTo(0.999));
  }

  private static Tally read(GeneratedCorpus corpus) throws org.gongkai.parse.UnreadableReportException {
    Map<String, long[]> byLayout = new TreeMap<>();
    Map<String, Integer> layoutFormats = new TreeMap<>();
    List<String> wrongMeta = new ArrayList<>();
    List<String> wrongCells = new ArrayList<>();
    List<String> wrongRegion = new ArrayList<>();
    Map<String, Integer> forms = new TreeMap<>();
    for (JsonNode t : corpus.truth()) {
      String file = t.get("file").asText();
      String layout = t.get("layout").asText();
      layoutFormats.merge(layout + "/" + t.get("format").asText(), 1, Integer::sum);
      Report report = PARSER.parse(corpus.bytes(t), file);
      if (!t.get("agency").asText().equals(report.agency()) || report.year() == null
          || report.year() != t.get("year").asInt()) {
        wrongMeta.add(file + " (" + layout + "): " + report.agency() + " " + report.year());
      }
      String code = t.get("region_code").isNull() ? null : t.get("region_code").asText();
      if (!java.util.Objects.equals(code, report.region().code())) {
        wrongRegion.add(file + " (" + layout + "): " + report.agency() + " " + report.contactPhone() + " -> "
            + report.region().code() + " " + report.region().candidates() + ", truth " + code);
      }
      if (!layout.startsWith("pdf-")) {
        String text = corpus.text(t);
        if (YEAR_FIRST.matcher(text).find()) {
          forms.merge("year first", 1, Integer::sum);
        }
        if (SUFFIXED.matcher(text).find()) {
          forms.merge("year suffixed", 1, Integer::sum);
        }
      }
      if (!t.get("county").isNull() && t.get("agency").asText().startsWith(t.get("county").asText())
          && org.gongkai.region.Gazetteer.standard().byName(t.get("county").asText()).size() > 1) {
        forms.merge("ambiguous county", 1, Integer::sum);
      }
      long[] counts = byLayout.computeIfAbsent(layout, k -> new long[2]);
      Map<String, Cell> parsed = report.cellMap();
      GeneratedCorpus.cells(t).forEach((key, truth) -> {
        counts[1]++;
        if (right(truth, parsed.get(key))) {
          counts[0]++;
        } else if (wrongCells.size() < 20) {
          wrongCells.add(file + " (" + layout + ") " + key + ": truth " + truth + ", parsed " + parsed.get(key));
        }
      });
    }
    StringBuilder summary = new StringBuilder("cell accuracy by layout:");
    for (var e : byLayout.entrySet()) {
      summary.append(String.format(Locale.ROOT, " %s %.4f%% (%d/%d);", e.getKey(),
          100.0 * e.getValue()[0] / e.getValue()[1], e.getValue()[0], e.getValue()[1]));
    }
    Tally tally = new Tally(byLayout, layoutFormats, wrongMeta, wrongCells, wrongRegion, forms);
    summary.append(String.format(Locale.ROOT, " overall %.4f%%", 100.0 * tally.accuracy()));
    System.out.println(summary);
    System.out.println("files by layout/template: " + layoutFormats);
    return tally;
  }

  private static boolean right(BigDecimal truth, Cell parsed) {
    if (parsed == null) {
      return false;
    }
    if (truth == null) {
      return parsed.isBlank();
    }
    return parsed.value() != null && parsed.value().compareTo(truth) == 0;
  }
}
