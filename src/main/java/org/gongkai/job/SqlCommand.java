package org.gongkai.job;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gongkai sql "SELECT …"}: Spark SQL over the warehouse's Delta tables, each visible under its name
 * (files, reports, metrics, quarantine, runs).
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run a Spark SQL query over the Delta tables (files, reports, metrics, metrics_enriched, quarantine, runs …).")
public final class SqlCommand implements Callable<Integer> {

  @Parameters(paramLabel = "QUERY", description = "the SQL query")
  String query;

  @Option(names = "--warehouse", description = "folder or URI of the Delta tables")
  String warehouse;

  @Option(names = "--config", description = "YAML configuration (default: conf/gongkai.yaml when present)")
  Path config;

  @Option(names = "--rows", defaultValue = "100", description = "rows to print (default: ${DEFAULT-VALUE})")
  int rows;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() throws Exception {
    JobConfig cfg = JobConfig.resolve(config).withWarehouse(warehouse);
    try (SparkSession spark = cfg.session("gongkai-sql", "local[*]", JobConfig.LOCAL_TOOL)) {
      java.util.List<String> tables = registerViews(spark, cfg);
      Dataset<Row> result;
      try {
        result = spark.sql(query);
      } catch (Exception e) {
        // Scala's AnalysisException: a checked exception Java does not see declared
        if (e instanceof org.apache.spark.sql.AnalysisException a && "TABLE_OR_VIEW_NOT_FOUND".equals(a.getCondition())) {
          throw new IllegalArgumentException(e.getMessage().lines().findFirst().orElse("table not found")
              + ": the warehouse " + cfg.warehouse() + (tables.isEmpty() ? " has no tables (run the job first)"
              : " has " + String.join(", ", tables)));
        }
        throw e;
      }
      switch (format) {
        case "csv" -> {
          System.out.println(String.join(",", result.columns()));
          result.limit(rows).toJSON().collectAsList().forEach(json -> System.out.println(csvLine(json,
              result.columns())));
        }
        case "json" -> result.limit(rows).toJSON().collectAsList().forEach(System.out::println);
        default -> result.show(rows, false);
      }
    }
    return 0;
  }

  private static String csvLine(String json, String[] columns) {
    try {
      com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      java.util.List<String> out = new java.util.ArrayList<>();
      for (String c : columns) {
        com.fasterxml.jackson.databind.JsonNode v = node.get(c);
        String text = v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
        out.add(text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
      }
      return String.join(",", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Every table the warehouse has, as a temporary view named after it and as a table of the {@code gongkai}
   * database ({@code gongkai.metrics}): SQL uses names, not paths. With them the view {@code metrics_enriched}
   * (each cell with its report's columns and the catalog's; {@link org.gongkai.store.Views}).
   */
  public static java.util.List<String> registerViews(SparkSession spark, JobConfig cfg) {
    spark.sql("CREATE DATABASE IF NOT EXISTS gongkai");
    org.gongkai.store.DeltaStore store = new org.gongkai.store.DeltaStore(spark);
    java.util.List<String> tables = new java.util.ArrayList<>(cfg.tables().keySet());
    tables.add(org.gongkai.rollup.Rollups.AGENCY_YEAR);
    tables.add(org.gongkai.rollup.Rollups.ROLLUP);
    tables.add(org.gongkai.store.Views.METRIC_CATALOG);
    java.util.List<String> registered = new java.util.ArrayList<>();
    for (String table : tables) {
      String path = cfg.tables().containsKey(table) ? cfg.tablePath(table) : cfg.warehouse() + "/" + table;
      if (store.exists(path)) {
        spark.read().format("delta").load(path).createOrReplaceTempView(table);
        String location = store.qualified(path);
        spark.sql("DROP TABLE IF EXISTS gongkai." + table);
        spark.sql("CREATE TABLE gongkai." + table + " USING delta LOCATION '" + location.replace("'", "\\'") + "'");
        registered.add(table);
      }
    }
    java.util.List<String> joined = java.util.List.of(JobConfig.METRICS, JobConfig.REPORTS,
        org.gongkai.store.Views.METRIC_CATALOG);
    if (registered.containsAll(joined)) {
      java.util.Map<String, String> temp = new java.util.HashMap<>();
      java.util.Map<String, String> inDb = new java.util.HashMap<>();
      joined.forEach(t -> {
        temp.put(t, t);
        inDb.put(t, "gongkai." + t);
      });
      spark.sql(org.gongkai.store.Views.enrichedSql(temp))
          .createOrReplaceTempView(org.gongkai.store.Views.METRICS_ENRICHED);
      spark.sql("CREATE OR REPLACE VIEW gongkai." + org.gongkai.store.Views.METRICS_ENRICHED + " AS "
          + org.gongkai.store.Views.enrichedSql(inDb));
      registered.add(org.gongkai.store.Views.METRICS_ENRICHED);
    }
    return registered;
  }
}
