package org.gongkai.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gongkai evaluate --truth FILE --warehouse DIR}: what the pipeline wrote against a generated corpus's
 * ground truth. Cell accuracy overall and per layout, and metadata accuracy. A cell is right when the stored
 * value equals the printed one, or both are blank; a cell of a file that was not parsed is wrong.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Compare the Delta tables with a generated corpus's ground truth (truth.jsonl).")
public final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--truth", required = true, description = "truth.jsonl written by gongkai generate")
  String truth;

  @Option(names = "--warehouse", description = "folder or URI of the Delta tables")
  String warehouse;

  @Option(names = "--config", description = "YAML configuration (default: conf/gongkai.yaml when present)")
  Path config;

  /** The accuracy figures of one evaluation. */
  public record Result(long files, long filesParsed, long cells, long cellsRight, List<Row> perLayout,
                       long agencyRight, long yearRight, long regionRight, List<Row> recall, List<Row> precision) {

    public double cellAccuracy() {
      return cells == 0 ? 0 : (double) cellsRight / cells;
    }

    public String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format("files %d, parsed %d%n", files, filesParsed));
      sb.append(String.format("cell accuracy %.4f%% (%d of %d)%n", 100 * cellAccuracy(), cellsRight, cells));
      for (Row r : perLayout) {
        sb.append(String.format("  %-14s %.4f%% (%d of %d cells, %d files)%n", r.getString(0),
            100.0 * r.getLong(2) / r.getLong(1), r.getLong(2), r.getLong(1), r.getLong(3)));
      }
      sb.append(String.format("agency right %.4f%% (%d of %d), year right %.4f%% (%d of %d)%n",
          100.0 * agencyRight / files, agencyRight, files, 100.0 * yearRight / files, yearRight, files));
      sb.append(String.format("region right %.4f%% (%d of %d)%n", 100.0 * regionRight / files, regionRight, files));
      if (!recall.isEmpty()) {
        sb.append("anomalies injected, and found by their rule (recall)\n");
        for (Row r : recall) {
          sb.append(String.format("  %-26s %5d injected, %5d found, recall %.4f%n", r.getString(0), r.getLong(1),
              r.getLong(2), r.getLong(1) == 0 ? 0 : (double) r.getLong(2) / r.getLong(1)));
        }
      }
      // precision is defined for the rules that detect an injected type; the others (impossible values, outliers,
      // aggregates) are listed with how many of their files carry some injected anomaly, for information
      List<Row> detecting = precision.stream().filter(r -> detects(r.getString(0))).toList();
      List<Row> others = precision.stream().filter(r -> !detects(r.getString(0))).toList();
      if (!detecting.isEmpty()) {
        sb.append("anomalies flagged, on files with an injected anomaly (precision)\n");
        for (Row r : detecting) {
          sb.append(String.format("  %-26s %5d flagged, %5d true, precision %.4f%n", r.getString(0), r.getLong(1),
              r.getLong(2), r.getLong(1) == 0 ? 0 : (double) r.getLong(2) / r.getLong(1)));
        }
      }
      if (!others.isEmpty()) {
        sb.append("other rules (no injected type of their own): files flagged, of which with an injected anomaly\n");
        for (Row r : others) {
          sb.append(String.format("  %-26s %5d flagged, %5d with an injected anomaly%n", r.getString(0),
              r.getLong(1), r.getLong(2)));
        }
      }
      return sb.toString();
    }
  }

  private static boolean detects(String ruleId) {
    return org.gongkai.check.RuleCatalog.standard().rules().stream()
        .anyMatch(r -> r.id().equals(ruleId) && !r.spec().path("detects").isEmpty());
  }

  @Override
  public Integer call() throws Exception {
    JobConfig cfg = JobConfig.resolve(config).withWarehouse(warehouse);
    try (SparkSession spark = cfg.session("gongkai-evaluate", "local[*]", JobConfig.LOCAL_TOOL)) {
      System.out.print(evaluate(spark, cfg, truth).describe());
    }
    return 0;
  }

  private static final DataType ANOMALIES = DataTypes.createArrayType(new org.apache.spark.sql.types.StructType()
      .add("type", DataTypes.StringType)
      .add("cells", DataTypes.createArrayType(DataTypes.StringType))
      .add("detail", DataTypes.StringType));

  public static Result evaluate(SparkSession spark, JobConfig cfg, String truthUri) {
    // a file is known by its folder and name (000/r000123.txt): names alone repeat across corpora
    Dataset<Row> truth = spark.read().json(truthUri).withColumn("name", tail2(col("file")))
        // a corpus without anomalies has only empty lists, which the JSON reader takes for strings: retype them
        .withColumn("anomalies", from_json(to_json(col("anomalies")), ANOMALIES));
    Dataset<Row> reports = spark.read().format("delta").load(cfg.tablePath(JobConfig.REPORTS))
        .withColumn("name", tail2(col("source_path")));
    // a metric's file is its report's (the metrics table holds cell-level columns only)
    Dataset<Row> metrics = spark.read().format("delta").load(cfg.tablePath(JobConfig.METRICS))
        .join(reports.select("report_id", "name"), "report_id");

    // truth cells, one row per file and key: the printed numbers (to_json drops the null cells, which are the
    // other version's keys and the blanks) and the blanks
    Dataset<Row> printed = truth
        .select(col("name"), col("layout"),
            explode(from_json(to_json(col("cells")),
                DataTypes.createMapType(DataTypes.StringType, DataTypes.createDecimalType(20, 4))))
                .as(new String[] {"key", "want"}));
    Dataset<Row> blanks = truth
        .select(col("name"), col("layout"), explode(col("blank")).as("key"))
        .withColumn("want", lit(null).cast(DataTypes.createDecimalType(20, 4)));
    Dataset<Row> expected = printed.unionByName(blanks);
    Dataset<Row> got = metrics.select(col("name"), col("metric_key").as("key"), col("value").as("got"),
        col("status"));
    Dataset<Row> compared = expected.join(got, expected.col("name").equalTo(got.col("name"))
            .and(expected.col("key").equalTo(got.col("key"))), "left")
        .select(expected.col("layout"), expected.col("name"),
            right(col("want"), col("got"), col("status")).as("right"));

    Row overall = compared.selectExpr("count(*)", "sum(CASE WHEN right THEN 1 ELSE 0 END)").head();
    List<Row> perLayout = compared.groupBy("layout")
        .agg(org.apache.spark.sql.functions.count(lit(1)).as("cells"),
            org.apache.spark.sql.functions.sum(when(col("right"), 1L).otherwise(0L)).as("right"),
            org.apache.spark.sql.functions.countDistinct(col("name")).as("files"))
        .orderBy("layout").collectAsList();

    Dataset<Row> meta = truth.join(reports, truth.col("name").equalTo(reports.col("name")), "left")
        .select(truth.col("agency").equalTo(reports.col("agency")).as("agency_ok"),
            truth.col("year").cast("int").equalTo(reports.col("year")).as("year_ok"),
            // an unresolved region is right only where the truth has none either
            truth.col("region_code").cast("string").eqNullSafe(reports.col("region_code"))
                .and(reports.col("report_id").isNotNull()).as("region_ok"),
            reports.col("report_id").isNotNull().as("parsed"));
    Row m = meta.selectExpr("count(*)", "sum(CASE WHEN parsed THEN 1 ELSE 0 END)",
        "sum(CASE WHEN agency_ok THEN 1 ELSE 0 END)", "sum(CASE WHEN year_ok THEN 1 ELSE 0 END)",
        "sum(CASE WHEN region_ok THEN 1 ELSE 0 END)").head();
    List<Row> recall = List.of();
    List<Row> precision = List.of();
    if (new org.gongkai.store.DeltaStore(spark).exists(cfg.tablePath(JobConfig.ANOMALIES))) {
      Dataset<Row> flagged = spark.read().format("delta").load(cfg.tablePath(JobConfig.ANOMALIES))
          .withColumn("name", tail2(col("source_path")));
      List<Row> rows = new java.util.ArrayList<>();
      for (org.gongkai.check.Rule rule : org.gongkai.check.RuleCatalog.standard().rules()) {
        rule.spec().path("detects").forEach(t -> rows.add(org.apache.spark.sql.RowFactory.create(rule.id(),
            t.asText())));
      }
      Dataset<Row> detects = spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
          .add("rule_id", DataTypes.StringType).add("type", DataTypes.StringType));
      recall = recall(truth, flagged, detects);
      precision = precision(truth, flagged);
    }
    return new Result(m.getLong(0), nz(m, 1), overall.getLong(0), nz(overall, 1), perLayout, nz(m, 2), nz(m, 3),
        nz(m, 4), recall, precision);
  }

  /** A file and the file it duplicates (both ways): an anomaly on either counts for both. */
  private static Dataset<Row> partners(Dataset<Row> truth) {
    Dataset<Row> self = truth.select(col("name"), col("name").as("partner"));
    if (!java.util.Arrays.asList(truth.columns()).contains("duplicate_of")) {
      return self;
    }
    Dataset<Row> dup = truth.where(col("duplicate_of").isNotNull())
        .select(col("name"), tail2(col("duplicate_of")).as("partner"));
    return self.unionByName(dup).unionByName(dup.select(col("partner").as("name"), col("name").as("partner")));
  }

  /** Per injected type: how many, and how many a rule that detects it flagged on the file (or its partner). */
  private static List<Row> recall(Dataset<Row> truth, Dataset<Row> flagged, Dataset<Row> detects) {
    Dataset<Row> injected = truth.select(col("name"), explode(col("anomalies.type")).as("type")).distinct();
    Dataset<Row> found = flagged.join(detects, "rule_id").select(col("name").as("flag_name"), col("type"))
        .join(partners(truth), col("flag_name").equalTo(col("partner"))).select(col("name"), col("type"))
        .distinct().withColumn("found", lit(true));
    return injected.join(found, new String[] {"name", "type"}, "left")
        .groupBy("type").agg(org.apache.spark.sql.functions.count(lit(1)).as("injected"),
            org.apache.spark.sql.functions.count(col("found")).as("found"))
        .orderBy("type").collectAsList();
  }

  /** Per rule: how many files it flagged, and how many of them (or their partner) had an injected anomaly. */
  private static List<Row> precision(Dataset<Row> truth, Dataset<Row> flagged) {
    Dataset<Row> dirty = truth.where(org.apache.spark.sql.functions.size(col("anomalies")).gt(0))
        .select(col("name").as("dirty"));
    Dataset<Row> dirtyPartners = partners(truth).join(dirty, col("partner").equalTo(col("dirty")))
        .select(col("name").as("dirty_name")).distinct();
    return flagged.select("rule_id", "name").distinct()
        .join(dirtyPartners, col("name").equalTo(col("dirty_name")), "left")
        .groupBy("rule_id").agg(org.apache.spark.sql.functions.count(lit(1)).as("flagged"),
            org.apache.spark.sql.functions.count(col("dirty_name")).as("true"))
        .orderBy("rule_id").collectAsList();
  }

  /** The last two components of a path: folder/name. */
  private static Column tail2(Column path) {
    return org.apache.spark.sql.functions.regexp_extract(path, "([^/]+/[^/]+)$", 1);
  }

  private static Column right(Column want, Column got, Column status) {
    return when(want.isNull(), status.equalTo("blank"))
        .otherwise(got.isNotNull().and(got.equalTo(want)))
        .equalTo(lit(true));
  }

  private static long nz(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }
}
