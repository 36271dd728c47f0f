package org.gongkai.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gongkai.Fixtures;
import org.gongkai.SparkTestSession;
import org.gongkai.job.GongkaiJob;
import org.gongkai.job.JobConfig;
import org.gongkai.job.SqlCommand;
import org.gongkai.store.DeltaStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gold tables and the analysts' notebooks, on one run of the sample corpus plus a region-wide (aggregate)
 * report of 台州市 whose 999 applications must not reach any total.
 */
class GoldTablesTest {

  private static final SparkSession SPARK = SparkTestSession.get();
  private static Path tmp;
  private static JobConfig cfg;

  @BeforeAll
  static void runTheSampleCorpus() throws IOException {
    tmp = Files.createTempDirectory("gongkai-gold");
    Path input = Files.createDirectories(tmp.resolve("in"));
    for (String f : List.of("000_6cbbeb53464e9ccf.txt", "001_39611b7db0bb4983.txt", "002_b3fef9399b69f476.txt",
        "003_095ad78399e2aa03.txt", "004_46f3e938f0b9fe4b.txt", "html_2019_gb18030.html",
        "html_2021_gbk_gb2312.html", "html_2021_utf8_site.html", "html_2021_utf8_wrong_meta.html",
        "html_news_page.html")) {
      Files.write(input.resolve(f), Fixtures.seed(f));
    }
    Files.write(input.resolve("aggregate_taizhou_2024.txt"), Fixtures.bytes("fixtures/aggregate_taizhou_2024.txt"));
    // a second, byte-different copy of one report: same agency, year and figures, so the sums do not depend on
    // which of the two is the primary report, but the agency must count once
    Files.writeString(input.resolve("000_reposted.txt"), Fixtures.seedText("000_6cbbeb53464e9ccf.txt")
        + "\n本报告同时在本机关门户网站政府信息公开专栏发布。\n");
    // 路桥's next year, whose carry-over does not match: something for the anomaly notebook to find
    Files.write(input.resolve("luqiao_2025.txt"), Fixtures.bytes("fixtures/luqiao_2025_inconsistent.txt"));
    cfg = JobConfig.defaults().withInput(input.toString()).withWarehouse(tmp.resolve("wh").toString());
    GongkaiJob.run(SPARK, cfg, false);
    SqlCommand.registerViews(SPARK, cfg);
  }

  @AfterAll
  static void dropViews() {
    SPARK.sql("DROP DATABASE IF EXISTS gongkai CASCADE");
  }

  private static List<String> rows(String sql) {
    return SPARK.sql(sql).toJSON().collectAsList().stream().sorted().toList();
  }

  @Test
  void theMeasureColumnsComeInRollupYamlsOrder() throws IOException {
    List<String> declared = new ArrayList<>();
    try (var in = GoldTablesTest.class.getClassLoader().getResourceAsStream("gongkai/rollup.yaml")) {
      new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(in).path("measures")
          .fieldNames().forEachRemaining(declared::add);
    }
    assertThat(declared).hasSizeGreaterThan(5);
    List<String> columns = List.of(SPARK.read().format("delta").load(cfg.warehouse() + "/agency_year").columns());
    int first = columns.indexOf(declared.get(0));
    assertThat(first).isPositive();
    assertThat(columns.subList(first, first + declared.size())).containsExactlyElementsOf(declared);
  }

  @Test
  void theNationalRowIsTheSumOfTheProvinceRowsForEveryMeasure() {
    List<String> measures = new ArrayList<>(List.of("reports", "agencies"));
    measures.addAll(List.of("new_received", "carried_over", "granted", "partially_granted", "denied", "unable",
        "not_processed", "other_processing", "results_total", "carried_forward", "review_total", "review_corrected",
        "litigation_total", "litigation_corrected", "penalty_decisions", "licensing_decisions",
        "reports_with_errors"));
    for (String m : measures) {
      List<Row> mismatches = SPARK.sql("""
          SELECT n.year, n.%1$s, p.total FROM gongkai.rollup n
          JOIN (SELECT year, sum(%1$s) AS total FROM gongkai.rollup
                WHERE geo_level = 'province' AND category = '*' AND level = '*' GROUP BY year) p ON p.year = n.year
          WHERE n.geo_level = 'nation' AND n.category = '*' AND n.level = '*'
            AND NOT (n.%1$s <=> p.total)""".formatted(m)).collectAsList();
      assertThat(mismatches).as(m).isEmpty();
    }
    assertThat(SPARK.sql("SELECT count(*) FROM gongkai.rollup WHERE geo_level = 'nation' AND category = '*' "
        + "AND level = '*'").head().getLong(0)).isEqualTo(5); // 2020, 2022, 2023, 2024, 2025
  }

  @Test
  void agenciesCountsDistinctAgenciesNotReports() {
    // the reports table holds both copies of the reposted report; the rollup counts its agency once
    String perYear = "SELECT year, count(*) AS reports, count(DISTINCT agency) AS agencies FROM gongkai.reports "
        + "WHERE scope = 'agency' AND agency IS NOT NULL AND year IS NOT NULL GROUP BY year";
    assertThat(SPARK.sql("SELECT count(*) FROM (" + perYear + ") WHERE reports > agencies").head().getLong(0))
        .isEqualTo(1);
    List<Row> mismatches = SPARK.sql("""
        SELECT r.year, r.agencies, s.agencies FROM gongkai.rollup r JOIN (%s) s ON s.year = r.year
        WHERE r.geo_level = 'nation' AND r.category = '*' AND r.level = '*'
          AND (r.agencies <> s.agencies OR r.reports <> s.agencies)""".formatted(perYear)).collectAsList();
    assertThat(mismatches).isEmpty();
    assertThat(SPARK.sql("SELECT count(*) FROM gongkai.rollup WHERE geo_level = 'nation' AND category = '*' "
        + "AND level = '*'").head().getLong(0)).isEqualTo(5);
  }

  @Test
  void anAggregateReportNeverEntersTheSums() {
    Row agg = SPARK.sql("SELECT scope, new_received FROM gongkai.agency_year WHERE agency = '台州市人民政府办公室'").head();
    assertThat(agg.getString(0)).isEqualTo("aggregate");
    assertThat(agg.getDecimal(1)).isEqualByComparingTo("999");
    // 2024: 路桥 2 + 青岛 21 + 湘潭县 1 + 新华区 0 + 慈溪 9, without 台州's 999
    Row nation = SPARK.sql("SELECT new_received, reports FROM gongkai.rollup WHERE year = 2024 "
        + "AND geo_level = 'nation' AND category = '*' AND level = '*'").head();
    assertThat(nation.getDecimal(0)).isEqualByComparingTo("33");
    assertThat(nation.getLong(1)).isEqualTo(5);
    Row unresolved = SPARK.sql("SELECT reports FROM gongkai.rollup WHERE year = 2024 AND geo_level = 'province' "
        + "AND province = '" + Rollups.UNRESOLVED + "' AND category = '*' AND level = '*'").head();
    assertThat(unresolved.getLong(0)).isEqualTo(1);
  }

  @Test
  void theUnresolvedShareIsTheGroupsShareOfReportsWithoutARegionToSixPlaces() {
    // per year and category, from the agency rows themselves
    List<Row> groups = SPARK.sql("""
        SELECT year, coalesce(category, 'unknown') AS category, count(*) AS reports,
               count_if(region_code IS NULL) AS unresolved
        FROM gongkai.agency_year WHERE scope = 'agency' GROUP BY 1, 2""").collectAsList();
    assertThat(groups).hasSizeGreaterThan(4);
    assertThat(groups).anyMatch(g -> g.getLong(3) > 0 && g.getLong(3) < g.getLong(2));
    for (Row g : groups) {
      Row r = SPARK.sql("SELECT unresolved_region_share FROM gongkai.rollup WHERE year = " + g.getInt(0)
          + " AND geo_level = 'nation' AND category = '" + g.getString(1) + "' AND level = '*'").head();
      assertThat(r.getDecimal(0)).as(g.toString()).isEqualByComparingTo(BigDecimal.valueOf(g.getLong(3))
          .divide(BigDecimal.valueOf(g.getLong(2)), 6, RoundingMode.HALF_UP));
    }
  }

  @Test
  void aThirdOfTheReportsWithoutARegionIsAShareOf0_333333() {
    // three agency rows of 2024, one of them without a region: five decimal places cannot hold a third
    Dataset<Row> three = SPARK.sql("SELECT * FROM gongkai.agency_year WHERE year = 2024 AND scope = 'agency' "
        + "ORDER BY region_code IS NULL DESC, report_id LIMIT 3");
    assertThat(three.where("region_code IS NULL").count()).isEqualTo(1);
    three.createOrReplaceTempView("gk_agency_year");
    Row nation = SPARK.sql(Rollups.standard().rollupSql("true"))
        .where("geo_level = 'nation' AND category = '*' AND level = '*'").head();
    assertThat(nation.<java.math.BigDecimal>getAs("unresolved_region_share")).isEqualByComparingTo("0.333333");
    assertThat(nation.<Long>getAs("reports")).isEqualTo(3);
  }

  @Test
  void ratesAreRatiosOfSums() {
    Row qingdao = SPARK.sql("SELECT granted, partially_granted, results_total, grant_rate FROM gongkai.rollup "
        + "WHERE year = 2024 AND geo_level = 'prefecture' AND prefecture = '青岛市' AND category = '*' "
        + "AND level = '*'").head();
    assertThat(qingdao.getDecimal(3)).isEqualByComparingTo("0.857143"); // (13 + 5) / 21
  }

  @Test
  void rerunningTheYearlyJobLeavesTheGoldTablesEqual() {
    String sql = "SELECT * FROM delta.`%s`";
    List<String> rollup = rows(sql.formatted(cfg.warehouse() + "/rollup"));
    List<String> agencyYear = rows(sql.formatted(cfg.warehouse() + "/agency_year"));

    // one year: its year-over-year change reads 2023's stored rollup rows instead of recomputing them
    assertThat(SPARK.sql(("SELECT count(*) FROM delta.`%s` WHERE year = 2024 AND new_received_yoy IS NOT NULL")
        .formatted(cfg.warehouse() + "/rollup")).head().getLong(0)).isPositive();
    Rollups.standard().build(SPARK, new DeltaStore(SPARK), cfg, java.util.Set.of(2024));
    assertThat(rows(sql.formatted(cfg.warehouse() + "/rollup"))).isEqualTo(rollup);
    assertThat(rows(sql.formatted(cfg.warehouse() + "/agency_year"))).isEqualTo(agencyYear);
    // a year before with no stored rows (its rollup never ran) is computed for the comparison instead
    SPARK.sql("DELETE FROM delta.`%s` WHERE year = 2023".formatted(cfg.warehouse() + "/rollup"));
    Rollups.standard().build(SPARK, new DeltaStore(SPARK), cfg, java.util.Set.of(2024));
    String of2024 = "SELECT * FROM delta.`%s` WHERE year = 2024";
    assertThat(rows(of2024.formatted(cfg.warehouse() + "/rollup")))
        .isEqualTo(rollup.stream().filter(r -> r.contains("\"year\":2024")).toList());
    Rollups.standard().build(SPARK, new DeltaStore(SPARK), cfg, null);

    assertThat(rows(sql.formatted(cfg.warehouse() + "/rollup"))).isEqualTo(rollup);
    assertThat(rows(sql.formatted(cfg.warehouse() + "/agency_year"))).isEqualTo(agencyYear);
  }

  @Test
  void everySqlCellOfEveryNotebookRuns() throws IOException {
    SqlCommand.registerViews(SPARK, cfg);
    int cells = 0;
    int withRows = 0;
    try (DirectoryStream<Path> notebooks = Files.newDirectoryStream(Path.of("notebooks"), "*.ipynb")) {
      for (Path notebook : notebooks) {
        JsonNode nb = new ObjectMapper().readTree(notebook.toFile());
        for (JsonNode cell : nb.path("cells")) {
          StringBuilder source = new StringBuilder();
          cell.path("source").forEach(line -> source.append(line.asText()));
          String text = source.toString();
          if (!"code".equals(cell.path("cell_type").asText()) || !text.startsWith("%%sql")) {
            continue;
          }
          String query = text.substring(text.indexOf('\n') + 1);
          // runs against the sample tables: a renamed column or table fails here, not in an analyst's hands
          List<Row> result = SPARK.sql(query).limit(5).collectAsList();
          assertThat(result).as(notebook + ": " + query).isNotNull();
          cells++;
          withRows += result.isEmpty() ? 0 : 1;
        }
      }
    }
    assertThat(cells).isGreaterThanOrEqualTo(9);
    assertThat(withRows).as("cells returning rows on the sample").isEqualTo(cells);
  }
}
