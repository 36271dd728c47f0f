package org.gongkai.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gongkai.Fixtures;
import org.junit.jupiter.api.Test;

/** The time budget is enforced from outside the parser: a stuck parse is quarantined and the next file goes on. */
class ParseStageTest {

  private static Row file(String path, byte[] bytes) {
    return RowFactory.create(path, (long) bytes.length, new Timestamp(0), bytes);
  }

  @Test
  void aParseOverItsTimeBudgetIsQuarantinedAndTheNextFileIsParsed() {
    org.gongkai.parse.ReportParser core = new org.gongkai.parse.ReportParser();
    try (ParseStage.TimedParser parser = new ParseStage.TimedParser(1000, (bytes, source, hints) -> {
      if (source.equals("stuck")) {
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException ignored) {
            // ignores interruption, as a runaway regex would (without burning a core in the test JVM)
          }
        }
      }
      return core.parse(bytes, source, hints);
    })) {
      Row stuck = parser.parse(file("stuck", new byte[] {1}));
      assertThat(stuck.getString(6)).isEqualTo(ParseStage.QUARANTINED);
      assertThat(stuck.getString(7)).isEqualTo("parse");
      assertThat(stuck.getString(8)).isEqualTo("parse time budget of 1000 ms exceeded");
      assertThat(stuck.getString(9)).isEqualTo("java.util.concurrent.TimeoutException");
      // a time budget may pass on a quieter machine: the next run tries the file again
      assertThat(stuck.getBoolean(ParseStage.SCHEMA.fieldIndex("transient"))).isTrue();

      Row good = parser.parse(file("good", Fixtures.seed("003_095ad78399e2aa03.txt")));
      assertThat(good.getString(6)).isEqualTo(ParseStage.PARSED);
      assertThat(good.getString(11)).isEqualTo("湘潭县医疗保障局");
      assertThat(good.getString(ParseStage.SCHEMA.fieldIndex("region_code"))).isEqualTo("430321");
    }
  }

  @Test
  void aTemplateRowNotFoundIsRecordedWithTheFile() {
    String seed = new String(Fixtures.seed("000_6cbbeb53464e9ccf.txt"), java.nio.charset.StandardCharsets.UTF_8);
    // the row a page break cut off, as a layout the parser misses would
    String cut = java.util.Arrays.stream(seed.split("\n", -1)).filter(l -> !l.contains("要求行政机关确认"))
        .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(cut).isNotEqualTo(seed);
    try (ParseStage.TimedParser parser = new ParseStage.TimedParser(10_000,
        org.gongkai.parse.DocumentLimits.STANDARD)) {
      Row whole = parser.parse(file("whole", seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(whole.getList(ParseStage.SCHEMA.fieldIndex("rows_missing"))).isEmpty();
      assertThat(whole.getInt(ParseStage.SCHEMA.fieldIndex("cells_missing"))).isZero();

      Row row = parser.parse(file("cut", cut.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(row.getString(6)).isEqualTo(ParseStage.PARSED);
      assertThat(row.getList(ParseStage.SCHEMA.fieldIndex("rows_missing")))
          .containsExactly("t3.not_processed.confirmation");
      assertThat(row.getInt(ParseStage.SCHEMA.fieldIndex("cells_missing"))).isEqualTo(7);
    }
  }

  @Test
  void theRunSummaryShowsTheParseQualityOfEachLayout() {
    Timestamp t = new Timestamp(0);
    RunSummary run = new RunSummary("r", t, t, "in", "wh", false, 3, 3, 0, 0, java.util.List.of(), "v",
        java.util.List.of(new RunSummary.LayoutQuality("html", 2, 400, 400, 0),
            new RunSummary.LayoutQuality("pdf", 1, 193, 200, 1)), java.util.Set.of(2024, 2023));
    assertThat(run.describe())
        .contains("  checks and rollups recomputed for years [2023, 2024]\n")
        .contains("    html                 2 files  100.0000%  0\n")
        .contains("    pdf                  1 files   96.5000%  1\n");
  }

  @Test
  void anUnexpectedParserFailureIsQuarantinedWithItsClass() {
    try (ParseStage.TimedParser parser = new ParseStage.TimedParser(1000, (bytes, source, hints) -> {
      throw new IllegalStateException("boom");
    })) {
      Row row = parser.parse(file("x", new byte[] {1}));
      assertThat(row.getString(6)).isEqualTo(ParseStage.QUARANTINED);
      assertThat(row.getString(8)).isEqualTo("internal parser error: java.lang.IllegalStateException: boom");
      assertThat(row.getString(9)).isEqualTo("java.lang.IllegalStateException");
      assertThat(row.getBoolean(ParseStage.SCHEMA.fieldIndex("transient"))).isFalse();
    }
  }

  @Test
  void theRunSummaryFailsWhenAFileIsNotAccountedFor() {
    Timestamp t = new Timestamp(0);
    RunSummary lost = new RunSummary("r", t, t, "in", "wh", false, 10, 7, 1, 1, java.util.List.of(), "v",
        java.util.List.of(), null);
    assertThat(lost.accountedFor()).isFalse();
    assertThat(lost.describe()).contains("  checks and rollups recomputed for every year\n");
    assertThat(lost.status()).startsWith("failed");
    assertThat(lost.describe()).contains("1 files are not accounted for");
  }
}
