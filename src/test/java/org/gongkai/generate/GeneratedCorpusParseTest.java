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
  private static final ReportParser PARSER = new ReportParser();
  private static final java.util.regex.Pattern YEAR_FIRST = java.util.regex.Pattern.compile(
      "^\\d{4}年[^\\d\n]{2,40}政府信息公开工作年度报告", java.util.regex.Pattern.MULTILINE);
  private static final java.util.regex.Pattern SUFFIXED = java.util.regex.Pattern.compile(
      "政府信息公开工作年度报告（\\d{4}年）");

  @TempDir
  Path tmp;

  @Test
  void parserReadsGeneratedReportsOfEveryLayoutAndBothTemplates() throws Exception {
    GeneratedCorpus corpus = GeneratedCorpus.generate(tmp, REPORTS, 2024, 0.05);
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
      String text = corpus.text(t);
      if (YEAR_FIRST.matcher(text).find()) {
        forms.merge("year first", 1, Integer::sum);
      }
      if (SUFFIXED.matcher(text).find()) {
        forms.merge("year suffixed", 1, Integer::sum);
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
    long right = 0;
    long all = 0;
    StringBuilder summary = new StringBuilder("cell accuracy by layout:");
    for (var e : byLayout.entrySet()) {
      right += e.getValue()[0];
      all += e.getValue()[1];
      summary.append(String.format(Locale.ROOT, " %s %.4f%% (%d/%d);", e.getKey(),
          100.0 * e.getValue()[0] / e.getValue()[1], e.getValue()[0], e.getValue()[1]));
    }
    summary.append(String.format(Locale.ROOT, " overall %.4f%%", 100.0 * right / all));
    System.out.println(summary);
    System.out.println("files by layout/template: " + layoutFormats);

    assertThat(layoutFormats).as("every layout in both template versions").containsOnlyKeys(
        "cells/2019", "cells/2021", "html-gb18030/2019", "html-gb18030/2021", "html-utf8/2019", "html-utf8/2021",
        "pdf/2019", "pdf/2021", "pipe/2019", "pipe/2021", "tab/2019", "tab/2021");
    assertThat(wrongMeta).as("agency and year").isEmpty();
    assertThat(wrongRegion).as("region").isEmpty();
    assertThat(forms).as("title forms and names the corpus must hold").containsOnlyKeys("year first",
        "year suffixed", "ambiguous county");
    assertThat((double) right / all).as("overall cell accuracy; first misreads: %s", wrongCells)
        .isGreaterThanOrEqualTo(0.999);
    byLayout.forEach((layout, c) -> assertThat((double) c[0] / c[1])
        .as("%s cell accuracy; first misreads: %s", layout, wrongCells).isGreaterThanOrEqualTo(0.995));
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
