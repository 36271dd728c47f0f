package org.gongkai.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gongkai.Fixtures;
import org.gongkai.HostileFiles;
import org.gongkai.SparkTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job end to end on the shared local session: tables, idempotency, increments, quarantine, reprocess. */
class GongkaiJobTest {

  private static final List<String> CORPUS = List.of(
      "000_6cbbeb53464e9ccf.txt", "001_39611b7db0bb4983.txt", "002_b3fef9399b69f476.txt",
      "003_095ad78399e2aa03.txt", "004_46f3e938f0b9fe4b.txt", "html_2019_gb18030.html",
      "html_2021_gbk_gb2312.html", "html_2021_utf8_site.html", "html_2021_utf8_wrong_meta.html",
      "html_list_page.html", "html_news_page.html");

  private final SparkSession spark = SparkTestSession.get();

  @TempDir
  Path tmp;
  Path input;
  JobConfig cfg;

  @BeforeEach
  void corpus() throws IOException {
    input = Files.createDirectories(tmp.resolve("in/nested"));
    for (String f : CORPUS) {
      Files.write(input.resolve(f), Fixtures.seed(f));
    }
    cfg = JobConfig.defaults().withInput(tmp.resolve("in").toString()).withWarehouse(tmp.resolve("wh").toString());
  }

  private Dataset<Row> table(String name) {
    return spark.read().format("delta").load(cfg.tablePath(name));
  }

  /** The metrics with their report's columns, as the view metrics_enriched gives them. */
  private Dataset<Row> enriched() {
    SqlCommand.registerViews(spark, cfg);
    return spark.table("metrics_enriched");
  }

  private long version(String name) {
    return io.delta.tables.DeltaTable.forPath(spark, cfg.tablePath(name)).history(1).head().getLong(0);
  }

  /** A checksum over every column of every row, order-independent. */
  private long checksum(String name) {
    Row r = table(name).selectExpr("coalesce(sum(cast(xxhash64(*) AS DECIMAL(38, 0))), 0)").head();
    return r.getDecimal(0).longValue() ^ r.getDecimal(0).toBigInteger().shiftRight(64).longValue();
  }

  @Test
  void theSampleCorpusGivesTheSeedsFiguresAndQuarantinesThePagesWithoutReports() {
    RunSummary run = GongkaiJob.run(spark, cfg, false);

    assertThat(run.seen()).isEqualTo(11);
    assertThat(run.parsed()).isEqualTo(9);
    assertThat(run.quarantined()).isEqualTo(2);
    assertThat(run.skipped()).isZero();
    assertThat(run.accountedFor()).isTrue();
    // every template cell of the sample's layouts is found: the quality record shows all of them read
    assertThat(run.quality().stream().mapToLong(RunSummary.LayoutQuality::files).sum()).isEqualTo(9);
    assertThat(run.quality()).allSatisfy(q -> {
      assertThat(q.cellsFound()).as(q.layout()).isEqualTo(q.cells()).isPositive();
      assertThat(q.filesWithRowsMissing()).as(q.layout()).isZero();
    });
    assertThat(run.describe()).contains("parse quality by layout");

    SqlCommand.registerViews(spark, cfg);
    Row seeds = spark.sql("SELECT sum(value), count(DISTINCT report_id) FROM metrics_enriched "
        + "WHERE metric_key = 't3.new_received.total' AND source_path RLIKE '/0[0-9]{2}_[0-9a-f]+\\\\.txt$'").head();
    assertThat(seeds.getDecimal(0)).isEqualByComparingTo("24");
    assertThat(seeds.getLong(1)).isEqualTo(5);

    assertThat(table(JobConfig.REPORTS).count()).isEqualTo(9);
    assertThat(table(JobConfig.METRICS).count()).isEqualTo(8 * 200 + 198);
    // the metrics hold cell-level columns only, values as a decimal Spark stores in a long; the view joins each
    // cell (every one: an inner join with its report) to its report's columns and the catalog's
    assertThat(table(JobConfig.METRICS).columns()).containsExactlyElementsOf(org.gongkai.store.Tables.METRICS_COLUMNS);
    assertThat(table(JobConfig.METRICS).schema().apply("value").dataType().sql()).isEqualTo("DECIMAL(18,4)");
    assertThat(spark.sql("SELECT count(*) FROM metrics_enriched").head().getLong(0)).isEqualTo(8 * 200 + 198);
    assertThat(spark.sql("SELECT count(*) FROM gongkai.metrics_enriched").head().getLong(0)).isEqualTo(8 * 200 + 198);
    assertThat(spark.sql("SELECT count(*) FROM metric_catalog").head().getLong(0))
        .isEqualTo(org.gongkai.catalog.MetricCatalog.standard().allKeys().size());
    Row fee = spark.sql("SELECT agency, format, table_id, row_key, column_key, unit, label_zh, run_id, value "
        + "FROM metrics_enriched WHERE agency = '路桥区医疗保障局' AND metric_key = 't2.fees.amount'").head();
    assertThat(List.of(fee.getString(0), fee.getString(1), fee.getString(2), fee.getString(3), fee.getString(4),
        fee.getString(5))).containsExactly("路桥区医疗保障局", "2021", "t2", "fees", "amount", "万元");
    assertThat(fee.getString(6)).contains("收费金额");
    assertThat(fee.getString(7)).isEqualTo(run.runId());
    assertThat(table(JobConfig.FILES).count()).isEqualTo(11);
    Row qinghai = spark.sql("SELECT agency, year, format, cells_value, cells_blank, cells_missing FROM reports "
        + "WHERE source_path LIKE '%002_b3fef9399b69f476.txt'").head();
    assertThat(qinghai.getString(0)).isEqualTo("青岛市医疗保障局");
    assertThat(qinghai.getInt(1)).isEqualTo(2024);
    assertThat(qinghai.getInt(3)).isEqualTo(200);
    assertThat(spark.sql("SELECT count(*) FROM reports WHERE size(rows_missing) > 0").head().getLong(0)).isZero();

    // regions land in the reports table: resolved, or null with the candidates
    Row luqiao = spark.sql("SELECT province, prefecture, county, region_code, level, category, scope FROM reports "
        + "WHERE agency = '路桥区医疗保障局'").head();
    assertThat(List.of(luqiao.getString(0), luqiao.getString(1), luqiao.getString(2), luqiao.getString(3),
        luqiao.getString(4), luqiao.getString(5), luqiao.getString(6)))
        .containsExactly("浙江省", "台州市", "路桥区", "331004", "county", "healthcare_security", "agency");
    Row xinhua = spark.sql("SELECT region_code, region_candidates FROM reports WHERE agency = '新华区医疗保障局'").head();
    assertThat(xinhua.isNullAt(0)).isTrue();
    assertThat(xinhua.getList(1)).containsExactly("130105", "130902", "410402");

    // the sample corpus is consistent: no anomaly of error severity
    assertThat(spark.sql("SELECT count(*) FROM anomalies WHERE severity = 'error'").head().getLong(0)).isZero();

    // blank stays blank: no value, flagged, raw text kept
    Row blank = spark.sql("SELECT value, is_blank, status FROM metrics_enriched WHERE source_path LIKE '%html_2021_utf8_site.html' "
        + "AND metric_key = 't3.denied.enforcement_files.total'").head();
    assertThat(blank.isNullAt(0)).isTrue();
    assertThat(blank.getBoolean(1)).isTrue();
    assertThat(blank.getString(2)).isEqualTo("blank");

    List<Row> quarantine = table(JobConfig.QUARANTINE).select("path", "stage", "reason", "exception_class")
        .orderBy("path").collectAsList();
    assertThat(quarantine).hasSize(2);
    assertThat(quarantine.get(0).getString(0)).endsWith("html_list_page.html");
    assertThat(quarantine.get(0).getString(2)).isEqualTo("no standard tables found");
    assertThat(quarantine.get(0).getString(3)).isEqualTo("org.gongkai.parse.UnreadableReportException");

    Row runRow = table(JobConfig.RUNS).head();
    assertThat(runRow.getAs("files_seen").equals(11L)).isTrue();
    assertThat((String) runRow.getAs("status")).isEqualTo("succeeded");
  }

  @Test
  void aRerunOnTheSameInputAddsNothing() {
    GongkaiJob.run(spark, cfg, false);
    List<String> tables = List.of(JobConfig.FILES, JobConfig.REPORTS, JobConfig.METRICS, JobConfig.QUARANTINE);
    long[] counts = tables.stream().mapToLong(t -> table(t).count()).toArray();
    long[] sums = tables.stream().mapToLong(this::checksum).toArray();
    long[] versions = tables.stream().mapToLong(this::version).toArray();

    RunSummary again = GongkaiJob.run(spark, cfg, false);

    assertThat(again.skipped()).isEqualTo(11);
    assertThat(again.parsed() + again.quarantined()).isZero();
    assertThat(tables.stream().mapToLong(t -> table(t).count()).toArray()).containsExactly(counts);
    assertThat(tables.stream().mapToLong(this::checksum).toArray()).containsExactly(sums);
    assertThat(tables.stream().mapToLong(this::version).toArray()).containsExactly(versions);
    assertThat(table(JobConfig.RUNS).count()).isEqualTo(2);
  }

  @Test
  void anIncrementalRunParsesOnlyTheNewFile() throws IOException {
    GongkaiJob.run(spark, cfg, false);
    String text = Fixtures.seedText("000_6cbbeb53464e9ccf.txt")
        .replace("路桥区医疗保障局", "椒江区医疗保障局").replace("行政处罚 | 11 |", "行政处罚 | 13 |");
    Files.writeString(input.resolve("005_new.txt"), text);

    RunSummary run = GongkaiJob.run(spark, cfg, false);

    assertThat(run.seen()).isEqualTo(12);
    assertThat(run.parsed()).isEqualTo(1);
    assertThat(run.skipped()).isEqualTo(11);
    assertThat(table(JobConfig.REPORTS).count()).isEqualTo(10);
    Row added = enriched().where("metric_key = 't2.penalty.decisions' AND agency = '椒江区医疗保障局'")
        .select("value").head();
    assertThat(added.getDecimal(0)).isEqualByComparingTo("13");
  }

  @Test
  void identicalFilesMakeOneReportWrittenFromTheFirstPath() throws IOException {
    // a crawler that saved the same page twice: one report, its rows from the first path, both files accounted
    Path copy = Files.createDirectories(tmp.resolve("in/a_mirror")).resolve("copy.txt");
    Files.write(copy, Fixtures.seed("000_6cbbeb53464e9ccf.txt"));

    RunSummary run = GongkaiJob.run(spark, cfg, false);

    assertThat(run.seen()).isEqualTo(12);
    assertThat(run.parsed()).isEqualTo(10);
    assertThat(table(JobConfig.REPORTS).count()).isEqualTo(9);
    assertThat(table(JobConfig.METRICS).count()).isEqualTo(8 * 200 + 198);
    String id = table(JobConfig.FILES).where("path LIKE '%copy.txt'").select("report_id").head().getString(0);
    assertThat(table(JobConfig.FILES).where("report_id = '" + id + "'").count()).isEqualTo(2);
    // the report's cells once (a metric's path is its report's)
    Dataset<Row> cells = table(JobConfig.METRICS).where("report_id = '" + id + "'");
    assertThat(cells.count()).isEqualTo(200).isEqualTo(cells.select("metric_key").distinct().count());
    for (String t : List.of(JobConfig.REPORTS, JobConfig.ANOMALIES)) {
      List<Row> paths = table(t).where("report_id = '" + id + "'").select("source_path").distinct().collectAsList();
      assertThat(paths).as(t).hasSizeLessThanOrEqualTo(1) // a report without anomalies has no anomaly rows
          .allSatisfy(r -> assertThat(r.getString(0)).endsWith("a_mirror/copy.txt"));
      if (!t.equals(JobConfig.ANOMALIES)) {
        assertThat(paths).as(t).hasSize(1);
      }
    }
  }

  @Test
  void garbageEmptyAndOversizedFilesAreQuarantinedBesideGoodOnes() throws IOException {
    Path bad = Files.createDirectories(tmp.resolve("in/bad"));
    Files.write(bad.resolve("empty.txt"), new byte[0]);
    byte[] noise = new byte[5000];
    new Random(7).nextBytes(noise);
    Files.write(bad.resolve("noise.bin"), noise);
    Files.write(bad.resolve("scan.pdf"), "%PDF-1.4\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(bad.resolve("huge.txt"), new byte[30_000]);
    // what Spark and Hadoop skip is not seen: names starting with _ or ., files being copied, hidden folders
    Files.write(bad.resolve("_SUCCESS"), new byte[0]);
    Files.write(bad.resolve(".part.crc"), new byte[8]);
    Files.write(bad.resolve("late.txt._COPYING_"), new byte[8]);
    Files.write(Files.createDirectories(bad.resolve(".cache")).resolve("copy.txt"), Fixtures.seed(CORPUS.get(0)));
    JobConfig capped = cfg.withLimits(20_000L, null);

    RunSummary run = GongkaiJob.run(spark, capped, false);

    assertThat(run.seen()).isEqualTo(15);
    assertThat(run.parsed()).isEqualTo(9);
    assertThat(run.quarantined()).isEqualTo(6);
    assertThat(run.accountedFor()).isTrue();
    SqlCommand.registerViews(spark, capped);
    List<Row> reasons = spark.sql("SELECT regexp_extract(path, '[^/]+$', 0), stage, reason FROM quarantine "
        + "WHERE path LIKE '%/bad/%' ORDER BY 1").collectAsList();
    assertThat(reasons).extracting(r -> r.getString(0) + " | " + r.getString(1) + " | " + r.getString(2))
        .containsExactly(
            "empty.txt | read | empty file",
            "huge.txt | read | file of 30000 bytes exceeds the size cap of 20000 bytes",
            "noise.bin | parse | " + reasons.get(2).getString(2),
            "scan.pdf | parse | " + reasons.get(3).getString(2));
    assertThat(reasons.get(2).getString(2)).startsWith("binary content");
    assertThat(reasons.get(3).getString(2)).startsWith("damaged PDF: ");
  }

  @Test
  void reprocessReplacesRowsAndTimeTravelShowsThePreviousVersion() {
    RunSummary first = GongkaiJob.run(spark, cfg, false);
    long before = version(JobConfig.METRICS);
    long reportsBefore = version(JobConfig.REPORTS);

    RunSummary second = GongkaiJob.run(spark, cfg, true);

    assertThat(second.parsed()).isEqualTo(9);
    assertThat(second.skipped()).isZero();
    assertThat(version(JobConfig.METRICS)).isGreaterThan(before);
    assertThat(table(JobConfig.METRICS).count()).isEqualTo(8 * 200 + 198);
    // a cell's run is its report's
    assertThat(table(JobConfig.REPORTS).select("run_id").distinct().collectAsList()).singleElement()
        .satisfies(r -> assertThat(r.getString(0)).isEqualTo(second.runId()));
    Dataset<Row> previous = spark.read().format("delta").option("versionAsOf", before)
        .load(cfg.tablePath(JobConfig.METRICS));
    assertThat(previous.count()).isEqualTo(8 * 200 + 198);
    assertThat(spark.read().format("delta").option("versionAsOf", reportsBefore).load(cfg.tablePath(JobConfig.REPORTS))
        .select("run_id").distinct().head().getString(0)).isEqualTo(first.runId());
  }

  @Test
  void aReportStoredUnderAnotherYearIsReplacedNotDuplicated() {
    GongkaiJob.run(spark, cfg, false);
    // as if an older parser had read another year: the writes are limited to the year partitions involved, which
    // must include the one the report was stored under
    String id = table(JobConfig.REPORTS).where("agency = '湘潭县医疗保障局'").select("report_id").head().getString(0);
    for (String t : List.of(JobConfig.REPORTS, JobConfig.METRICS)) {
      io.delta.tables.DeltaTable.forPath(spark, cfg.tablePath(t)).updateExpr("report_id = '" + id + "'",
          java.util.Map.of("year", "2000"));
    }
    assertThat(table(JobConfig.METRICS).where("year = 2000").count()).isEqualTo(200);

    GongkaiJob.run(spark, cfg, true);

    assertThat(table(JobConfig.REPORTS).count()).isEqualTo(9);
    assertThat(table(JobConfig.METRICS).count()).isEqualTo(8 * 200 + 198);
    assertThat(table(JobConfig.METRICS).where("year = 2000").count()).isZero();
    assertThat(table(JobConfig.REPORTS).where("report_id = '" + id + "'").select("year").head().getInt(0))
        .isEqualTo(2024);
  }

  @Test
  void aFileWhoseContentChangedReplacesItsReport() throws IOException {
    GongkaiJob.run(spark, cfg, false);
    Path seed = input.resolve("003_095ad78399e2aa03.txt");
    Files.writeString(seed, Fixtures.seedText("003_095ad78399e2aa03.txt").replace("→行政处罚\n→5", "x")
        .replace("\t行政处罚\n\t5", "\t行政处罚\n\t6"));
    assertThat(seed.toFile().setLastModified(System.currentTimeMillis() + 5000)).isTrue();

    RunSummary run = GongkaiJob.run(spark, cfg, false);

    assertThat(run.parsed()).isEqualTo(1);
    assertThat(table(JobConfig.REPORTS).count()).isEqualTo(9);
    List<Row> penalty = enriched()
        .where("metric_key = 't2.penalty.decisions' AND agency = '湘潭县医疗保障局'").select("value").collectAsList();
    assertThat(penalty).hasSize(1);
    assertThat(penalty.get(0).getDecimal(0)).isEqualByComparingTo("6");
  }

  @Test
  void manifestFieldsOverrideWhatTheParserInferred() throws IOException {
    Path manifest = tmp.resolve("manifest.csv");
    Files.writeString(manifest, "path,agency,region_code,year,source_url\n"
        + "nested/004_46f3e938f0b9fe4b.txt,石家庄市新华区医疗保障局,130105,2024,https://example.gov.cn/a.html\n");
    JobConfig withManifest = cfg.withManifest(manifest.toString());

    GongkaiJob.run(spark, withManifest, false);

    Row r = table(JobConfig.REPORTS).where("source_path LIKE '%004_46f3e938f0b9fe4b.txt'")
        .select("agency", "region_code", "source_url", "agency_from_manifest").head();
    assertThat(r.getString(0)).isEqualTo("石家庄市新华区医疗保障局");
    assertThat(r.getString(1)).isEqualTo("130105");
    assertThat(r.getString(2)).isEqualTo("https://example.gov.cn/a.html");
    assertThat(r.getBoolean(3)).isTrue();
    Row other = table(JobConfig.REPORTS).where("source_path LIKE '%003_095ad78399e2aa03.txt'")
        .select("agency", "agency_from_manifest").head();
    assertThat(other.getString(0)).isEqualTo("湘潭县医疗保障局");
    assertThat(other.getBoolean(1)).isFalse();
  }

  @Test
  void anomaliesWithinAndAcrossReportsLandInTheAnomaliesTable() throws IOException {
    String seed = Fixtures.seedText("000_6cbbeb53464e9ccf.txt");
    // the same agency-year again with another figure, and the next year with a carry-over that does not match
    Files.writeString(input.resolve("dup.txt"), seed.replace("行政处罚 | 11 |", "行政处罚 | 12 |"));
    Files.writeString(input.resolve("next.txt"), seed.replace("2024年", "2025年").replace(
        "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"));

    GongkaiJob.run(spark, cfg, false);

    SqlCommand.registerViews(spark, cfg);
    List<String> found = spark.sql("SELECT concat(rule_id, ' ', severity, ' ', year, ' ', "
        + "coalesce(try_element_at(cells, 1).key, '')) FROM anomalies ORDER BY 1").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    assertThat(found).containsExactly(
        "carry_over error 2025 t3.carried_over.natural_person",
        "carry_over error 2025 t3.carried_over.total",
        "duplicate.conflicting error 2024 ",
        "t3.identity error 2025 t3.new_received.natural_person",
        "t3.identity error 2025 t3.new_received.total");
    Row dup = spark.sql("SELECT message_en, source_path FROM anomalies WHERE rule_id = 'duplicate.conflicting'").head();
    assertThat(dup.getString(1)).endsWith("dup.txt");
    assertThat(dup.getString(0)).contains("the rollups use").contains("000_6cbbeb53464e9ccf.txt");
  }

  @Test
  void pdfAndWordFilesAreReadAndHostileOnesQuarantinedWithoutHarmingTheRun() throws IOException {
    Path office = Files.createDirectories(tmp.resolve("in/office"));
    // the same report as html_2021_utf8_site.html, as an agency would post it: Word and PDF attachments
    Files.write(office.resolve("attachment.docx"), HostileFiles.office("html_2021_utf8_site.docx"));
    Files.write(office.resolve("attachment.pdf"), HostileFiles.office("html_2021_utf8_site.pdf"));
    Files.write(office.resolve("old.doc"), HostileFiles.office("html_2019_gb18030.doc"));
    Files.write(office.resolve("bomb.docx"), HostileFiles.zipBomb("word/document.xml", 200L * 1024 * 1024));
    Files.write(office.resolve("xxe.docx"), HostileFiles.xxeDocx(StandardCharsets.UTF_8));
    Files.write(office.resolve("long.pdf"), HostileFiles.longPdf(2000));
    Files.write(office.resolve("scanned.pdf"), HostileFiles.office("scanned_html_2021_utf8_site.pdf"));
    Files.write(office.resolve("works.wps"), HostileFiles.ole2Without("CONTENTS"));
    // named .pdf, but its bytes say docx: read by content
    Files.write(office.resolve("misnamed.pdf"), HostileFiles.office("html_2021_gbk_gb2312.docx"));

    RunSummary run = GongkaiJob.run(spark, cfg, false);

    assertThat(run.seen()).isEqualTo(11 + 9);
    assertThat(run.parsed()).isEqualTo(9 + 4);
    assertThat(run.quarantined()).isEqualTo(2 + 5);
    assertThat(run.accountedFor()).isTrue();
    java.util.Map<String, String> reasons = new java.util.TreeMap<>();
    for (Row q : table(JobConfig.QUARANTINE).where("path LIKE '%/office/%'").select("path", "reason")
        .collectAsList()) {
      reasons.put(q.getString(0).substring(q.getString(0).lastIndexOf('/') + 1), q.getString(1));
    }
    assertThat(reasons).containsOnlyKeys("bomb.docx", "xxe.docx", "long.pdf", "scanned.pdf", "works.wps");
    assertThat(reasons.get("bomb.docx")).startsWith("zip bomb: word/document.xml inflates more than 100 times");
    assertThat(reasons.get("xxe.docx")).startsWith("unsafe XML: DOCTYPE/entity declarations are not allowed")
        .doesNotContain("root:");
    assertThat(reasons.get("long.pdf")).isEqualTo("too many pages: 2000 (limit 500)");
    assertThat(reasons.get("scanned.pdf")).isEqualTo("no text layer (scanned)");
    assertThat(reasons.get("works.wps")).isEqualTo("unsupported format: OLE2 file without a Word document stream");

    SqlCommand.registerViews(spark, cfg);
    // the Word and PDF attachments carry exactly the page's figures: the duplicates rule finds them identical
    List<String> duplicates = spark.sql("SELECT regexp_extract(source_path, '[^/]+$', 0) FROM anomalies "
        + "WHERE rule_id = 'duplicate.identical' ORDER BY 1").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    // each group is one report in several formats: all but the one the rollups use are flagged
    assertThat(duplicates).hasSize(4);
    assertThat(duplicates).filteredOn(List.of("attachment.docx", "attachment.pdf", "html_2021_utf8_site.html")::contains)
        .hasSize(2);
    assertThat(duplicates).filteredOn(List.of("old.doc", "html_2019_gb18030.html")::contains).hasSize(1);
    assertThat(duplicates).filteredOn(List.of("misnamed.pdf", "html_2021_gbk_gb2312.html")::contains).hasSize(1);
    assertThat(spark.sql("SELECT count(*) FROM anomalies WHERE severity = 'error'").head().getLong(0)).isZero();
    Row layouts = spark.sql("SELECT concat_ws(',', sort_array(collect_set(layout))) FROM reports "
        + "WHERE source_path LIKE '%/office/%'").head();
    assertThat(layouts.getString(0)).isEqualTo("doc,docx,pdf");
    // the rest of the run is as without them
    Row seeds = spark.sql("SELECT sum(value), count(DISTINCT report_id) FROM metrics_enriched "
        + "WHERE metric_key = 't3.new_received.total' AND source_path RLIKE '/0[0-9]{2}_[0-9a-f]+\\\\.txt$'").head();
    assertThat(seeds.getDecimal(0)).isEqualByComparingTo("24");
    assertThat(seeds.getLong(1)).isEqualTo(5);
  }
}
