package org.gongkai.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gongkai.SparkTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each cross-report rule on the smallest tables that make it fire, and on the smallest that must not. The tables
 * carry only the columns the rules read.
 */
class CrossReportRulesTest {

  private static final StructType REPORTS = new StructType()
      .add("report_id", DataTypes.StringType).add("agency", DataTypes.StringType)
      .add("year", DataTypes.IntegerType).add("scope", DataTypes.StringType).add("format", DataTypes.StringType)
      .add("category", DataTypes.StringType).add("level", DataTypes.StringType)
      .add("region_code", DataTypes.StringType).add("county_code", DataTypes.StringType)
      .add("prefecture_code", DataTypes.StringType).add("province_code", DataTypes.StringType)
      .add("source_path", DataTypes.StringType).add("cells_value", DataTypes.IntegerType)
      .add("warning_count", DataTypes.IntegerType);
  private static final StructType METRICS = new StructType()
      .add("report_id", DataTypes.StringType).add("year", DataTypes.IntegerType)
      .add("metric_key", DataTypes.StringType).add("value", DataTypes.createDecimalType(18, 4))
      .add("status", DataTypes.StringType).add("raw_text", DataTypes.StringType)
      .add("source_line", DataTypes.IntegerType);

  private final SparkSession spark = SparkTestSession.get();
  private final List<Row> reports = new ArrayList<>();
  private final List<Row> metrics = new ArrayList<>();

  @BeforeEach
  void clear() {
    reports.clear();
    metrics.clear();
  }

  @Test
  void partsAddingUpToMoreThanTheirAggregateAreFlaggedAndAMatchingSumIsNot() {
    aggregate("agg", "台州市人民政府办公室", 2024, "331000");
    agency("a", "台州市医疗保障局", 2024, "331000", "331000");
    agency("b", "路桥区医疗保障局", 2024, "331004", "331000");
    agency("elsewhere", "杭州市医疗保障局", 2024, "330100", "330100");
    value("agg", "t3.new_received.total", 10);
    value("a", "t3.new_received.total", 6);
    value("b", "t3.new_received.total", 7);
    value("elsewhere", "t3.new_received.total", 100);
    value("agg", "t3.results_total.total", 13);
    value("a", "t3.results_total.total", 6);
    value("b", "t3.results_total.total", 7);

    List<Row> found = found("aggregate.parts_exceed");

    assertThat(found).hasSize(1);
    Row r = found.get(0);
    assertThat(r.<String>getAs("report_id")).isEqualTo("agg");
    assertThat(r.<String>getAs("severity")).isEqualTo("warning");
    assertThat(r.<String>getAs("scope")).isEqualTo("region");
    assertThat(r.<BigDecimal>getAs("expected")).isEqualByComparingTo("13");
    assertThat(r.<BigDecimal>getAs("actual")).isEqualByComparingTo("10");
    assertThat(r.<Double>getAs("statistic")).isEqualTo(2.0);
    assertThat(r.<String>getAs("message_en")).contains("t3.new_received.total").contains("2 agency reports");
    assertThat(found("aggregate.parts_short")).isEmpty();
    // an office's own report and the aggregate it compiles are not duplicates of each other
    agency("office", "台州市人民政府办公室", 2024, "331000", "331000");
    assertThat(found("duplicate.conflicting")).isEmpty();
  }

  @Test
  void partsFallingShortOfTheAggregateAreInformationOnly() {
    aggregate("agg", "台州市人民政府办公室", 2024, "331000");
    agency("a", "台州市医疗保障局", 2024, "331000", "331000");
    value("agg", "t3.new_received.total", 10);
    value("a", "t3.new_received.total", 3);

    List<Row> found = found("aggregate.parts_short");

    assertThat(found).hasSize(1);
    assertThat(found.get(0).<String>getAs("severity")).isEqualTo("info");
    assertThat(found.get(0).<BigDecimal>getAs("difference")).isEqualByComparingTo("7");
    assertThat(found("aggregate.parts_exceed")).isEmpty();
  }

  @Test
  void aFigureFarFromItsPeersIsAnOutlierWithItsStatisticAndThreshold() {
    int[] usual = {0, 1, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 17, 20, 3, 4, 6, 8};
    for (int i = 0; i < usual.length; i++) {
      agency("p" + i, "第" + i + "县医疗保障局", 2024, "3310" + (10 + i), "331000");
      value("p" + i, "t3.new_received.total", usual[i]);
    }
    agency("big", "某县医疗保障局", 2024, "331099", "331000");
    value("big", "t3.new_received.total", 5000);

    List<Row> found = found("outlier.peers");

    assertThat(found).extracting(r -> r.<String>getAs("report_id")).containsExactly("big");
    Row r = found.get(0);
    assertThat(r.<String>getAs("severity")).isEqualTo("warning");
    assertThat(r.<Double>getAs("threshold")).isEqualTo(3.5);
    assertThat(r.<Double>getAs("statistic")).isGreaterThan(3.5);
    assertThat(r.<BigDecimal>getAs("expected")).isEqualByComparingTo("6"); // the peers' median
    assertThat(r.<String>getAs("message_zh")).contains("稳健 z 值");
  }

  @Test
  void aSmallPeerGroupIsNotJudged() {
    for (int i = 0; i < 10; i++) {
      agency("p" + i, "第" + i + "县医疗保障局", 2024, "3310" + (10 + i), "331000");
      value("p" + i, "t3.new_received.total", i);
    }
    agency("big", "某县医疗保障局", 2024, "331099", "331000");
    value("big", "t3.new_received.total", 5000);

    assertThat(found("outlier.peers")).isEmpty();
  }

  @Test
  void aGroupWhereMostPeersPrintZeroIsNotJudged() {
    // lawsuits: most agencies have none, so the median absolute deviation is 0 and no z-score is defined
    for (int i = 0; i < 24; i++) {
      agency("p" + i, "第" + i + "县医疗保障局", 2024, "3310" + (10 + i), "331000");
      value("p" + i, "t4.litigation_direct.total", i % 8 == 0 ? 1 : 0);
    }
    agency("sued", "某县医疗保障局", 2024, "331099", "331000");
    value("sued", "t4.litigation_direct.total", 3);

    assertThat(found("outlier.peers")).isEmpty();
  }

  @Test
  void aTenfoldJumpFromLastYearIsFlaggedButSmallFiguresAndModestChangesAreNot() {
    agency("jump23", "甲县医疗保障局", 2023, "331001", "331000");
    agency("jump24", "甲县医疗保障局", 2024, "331001", "331000");
    value("jump23", "t3.new_received.total", 10);
    value("jump24", "t3.new_received.total", 500);
    agency("modest23", "乙县医疗保障局", 2023, "331002", "331000");
    agency("modest24", "乙县医疗保障局", 2024, "331002", "331000");
    value("modest23", "t3.new_received.total", 10);
    value("modest24", "t3.new_received.total", 60);
    agency("small23", "丙县医疗保障局", 2023, "331003", "331000");
    agency("small24", "丙县医疗保障局", 2024, "331003", "331000");
    value("small23", "t3.new_received.total", 0);
    value("small24", "t3.new_received.total", 40);

    List<Row> found = found("outlier.year_over_year");

    assertThat(found).extracting(r -> r.<String>getAs("report_id")).containsExactly("jump24");
    assertThat(found.get(0).<Double>getAs("statistic")).isCloseTo(501.0 / 11.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(found.get(0).<Double>getAs("threshold")).isEqualTo(10.0);
    assertThat(found.get(0).<BigDecimal>getAs("expected")).isEqualByComparingTo("10");
  }

  @Test
  void carryOverIsComparedWithLastYearsCarriedForwardAndOnlyTheAskedYearsAreReturned() {
    agency("y23", "甲县医疗保障局", 2023, "331001", "331000");
    agency("y24", "甲县医疗保障局", 2024, "331001", "331000");
    agency("y25", "甲县医疗保障局", 2025, "331001", "331000");
    cell("y23", "t3", "carried_forward", "total", 2);
    cell("y24", "t3", "carried_over", "total", 3);   // 2023 carried 2 forward: broken
    cell("y24", "t3", "carried_forward", "total", 4);
    cell("y25", "t3", "carried_over", "total", 4);   // continuous

    List<Row> found = found("carry_over");

    assertThat(found).extracting(r -> r.<String>getAs("report_id")).containsExactly("y24");
    assertThat(found.get(0).<BigDecimal>getAs("expected")).isEqualByComparingTo("2");
    assertThat(CheckStage.anomalies(spark, table(reports, REPORTS), table(metrics, METRICS), "run", "v",
        Set.of(2025)).where("rule_id = 'carry_over'").count()).isZero();
  }

  private List<Row> found(String rule) {
    return CheckStage.anomalies(spark, table(reports, REPORTS), table(metrics, METRICS), "run", "v", null)
        .where("rule_id = '" + rule + "'").orderBy("report_id").collectAsList();
  }

  private Dataset<Row> table(List<Row> rows, StructType schema) {
    return spark.createDataFrame(rows, schema);
  }

  private void aggregate(String id, String agency, int year, String region) {
    reports.add(RowFactory.create(id, agency, year, "aggregate", "2021", "general_office", "prefecture", region,
        null, region, region.substring(0, 2) + "0000", id + ".txt", 100, 0));
  }

  private void agency(String id, String agency, int year, String region, String prefecture) {
    boolean county = !region.equals(prefecture);
    reports.add(RowFactory.create(id, agency, year, "agency", "2021", "medical_security",
        county ? "county" : "prefecture", region, county ? region : null, prefecture,
        prefecture.substring(0, 2) + "0000", id + ".txt", 100, 0));
  }

  private void value(String report, String metricKey, long value) {
    String[] k = metricKey.split("\\.");
    cell(report, k[0], k[1], k[2], value);
  }

  private void cell(String report, String table, String row, String column, long value) {
    int year = reports.stream().filter(r -> r.getString(0).equals(report)).findFirst().orElseThrow().getInt(2);
    metrics.add(RowFactory.create(report, year, table + "." + row + "." + column,
        BigDecimal.valueOf(value).setScale(4), "value", String.valueOf(value), 1));
  }
}
