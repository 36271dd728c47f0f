package org.gongkai.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.MetricDef;

/**
 * What analysts read beside the tables: {@code metric_catalog} (the catalog as a table: each metric key's table,
 * row and column keys, unit and labels) and the view {@code metrics_enriched} (gongkai/views/metrics_enriched.sql),
 * which joins each cell to its report and its catalog row.
 */
public final class Views {

  public static final String METRIC_CATALOG = "metric_catalog";
  public static final String METRICS_ENRICHED = "metrics_enriched";
  public static final String ENRICHED_SQL = "gongkai/views/" + METRICS_ENRICHED + ".sql";

  static final StructType CATALOG_SCHEMA = new StructType()
      .add("metric_key", DataTypes.StringType)
      .add("table_id", DataTypes.StringType)
      .add("row_key", DataTypes.StringType)
      .add("column_key", DataTypes.StringType)
      .add("unit", DataTypes.StringType)
      .add("label_zh", DataTypes.StringType)
      .add("label_en", DataTypes.StringType)
      .add("formats", DataTypes.createArrayType(DataTypes.StringType));

  private Views() {
  }

  /** The catalog's metrics, one row per key (a key of both template versions once, with both formats). */
  public static List<Row> catalogRows(MetricCatalog catalog) {
    Map<String, MetricDef> byKey = new LinkedHashMap<>();
    Map<String, Set<String>> formats = new LinkedHashMap<>();
    catalog.formats().forEach(f -> catalog.metrics(f.id()).forEach(d -> {
      byKey.putIfAbsent(d.key(), d);
      formats.computeIfAbsent(d.key(), k -> new TreeSet<>()).add(f.id());
    }));
    List<Row> rows = new ArrayList<>();
    byKey.forEach((key, d) -> rows.add(RowFactory.create(key, d.table(), d.row(), d.column(), d.unit(), d.zh(),
        d.en(), scala.jdk.javaapi.CollectionConverters.asScala(List.copyOf(formats.get(key))).toList())));
    return rows;
  }

  /**
   * Writes {@code metric_catalog} under the warehouse when it is missing or holds another catalog (one small
   * read otherwise).
   */
  public static void writeCatalog(SparkSession spark, DeltaStore store, String warehouse) {
    String path = warehouse + "/" + METRIC_CATALOG;
    List<Row> rows = catalogRows(MetricCatalog.standard());
    // a few hundred catalog rows, compared as text: a read-back array is another Scala type than a new one
    if (store.exists(path) && asText(store.read(path).collectAsList()).equals(asText(rows))) {
      return;
    }
    spark.createDataFrame(rows, CATALOG_SCHEMA).coalesce(1).write().format("delta").mode("overwrite")
        .option("overwriteSchema", "true").save(path);
  }

  private static Set<String> asText(List<Row> rows) {
    Set<String> out = new TreeSet<>();
    for (Row r : rows) {
      List<Object> fields = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        fields.add(r.get(i) instanceof scala.collection.Seq<?> seq
            ? scala.jdk.javaapi.CollectionConverters.asJava(seq) : r.get(i));
      }
      out.add(fields.toString());
    }
    return out;
  }

  /**
   * The view's query over the named tables ({@code names}: metrics, reports and metric_catalog to the name SQL
   * uses for each).
   */
  public static String enrichedSql(Map<String, String> names) {
    String sql;
    try (InputStream in = Views.class.getClassLoader().getResourceAsStream(ENRICHED_SQL)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + ENRICHED_SQL);
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, String> n : names.entrySet()) {
      sql = sql.replace("${" + n.getKey() + "}", n.getValue());
    }
    // the comment lines go: a view's text is one statement
    return sql.lines().filter(l -> !l.startsWith("--")).reduce((a, b) -> a + "\n" + b).orElseThrow();
  }
}
