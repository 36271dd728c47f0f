package org.gongkai.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gongkai.parse.DocumentLimits;

/**
 * The job's configuration: {@code conf/gongkai.yaml} (read with Jackson) under command-line overrides. Immutable.
 *
 * @param tables logical table (files, reports, metrics, quarantine, runs) to folder name under the warehouse
 * @param documents limits for PDF and Word files (pages, unpacked size, compression ratio, memory)
 * @param spark  Spark settings applied to the session the job builds
 */
public record JobConfig(String input, String manifest, String warehouse, Map<String, String> tables,
                        long maxFileBytes, long parseTimeoutMs, DocumentLimits documents,
                        Map<String, String> spark) {

  public static final String FILES = "files";
  public static final String REPORTS = "reports";
  public static final String METRICS = "metrics";
  public static final String QUARANTINE = "quarantine";
  public static final String RUNS = "runs";
  public static final String ANOMALIES = "anomalies";
  /** Settings of the local tools (sql, evaluate): no web UI, no progress bar over their output. */
  public static final Map<String, String> LOCAL_TOOL = Map.of("spark.ui.enabled", "false",
      "spark.ui.showConsoleProgress", "false");

  /** The largest file size cap: a file is read into one byte array. */
  public static final long MAX_FILE_BYTES_LIMIT = Integer.MAX_VALUE - 8;

  public JobConfig {
    tables = Map.copyOf(tables);
    spark = Map.copyOf(spark);
    if (maxFileBytes < 1 || maxFileBytes > MAX_FILE_BYTES_LIMIT) {
      throw new IllegalArgumentException("the file size cap (maxFileBytes, --max-file-bytes) must be between 1 and "
          + MAX_FILE_BYTES_LIMIT + " bytes (a file is read into one array): " + maxFileBytes);
    }
  }

  /** Defaults for a run without a configuration file. */
  public static JobConfig defaults() {
    Map<String, String> tables = new LinkedHashMap<>();
    for (String t : new String[] {FILES, REPORTS, METRICS, QUARANTINE, RUNS, ANOMALIES}) {
      tables.put(t, t);
    }
    Map<String, String> spark = new LinkedHashMap<>();
    spark.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    spark.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    // a file that cannot be read (an I/O error in the content scan) is skipped by the scan and then quarantined
    // as "listed but not readable", instead of failing the job
    spark.put("spark.sql.files.ignoreCorruptFiles", "true");
    spark.put("spark.databricks.delta.schema.autoMerge.enabled", "true");
    // writes into year partitions: a Parquet writer per year instead of a sort of every row by year (see
    // conf/gongkai.yaml); here too, so that a cluster run without the file has it
    spark.put("spark.sql.maxConcurrentOutputFileWriters", "8");
    return new JobConfig(null, null, "warehouse", tables, 20L * 1024 * 1024, 30_000, DocumentLimits.STANDARD,
        spark);
  }

  /** Reads a YAML configuration file over the defaults. */
  public static JobConfig load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return defaults().merge(new ObjectMapper(new YAMLFactory()).readTree(in));
    }
  }

  /** The configuration a command runs with: {@code --config FILE}, else conf/gongkai.yaml when present. */
  public static JobConfig resolve(Path config) throws IOException {
    if (config != null) {
      return load(config);
    }
    Path standard = Path.of("conf", "gongkai.yaml");
    return Files.exists(standard) ? load(standard) : defaults();
  }

  /**
   * A Spark session with this configuration's settings. Settings given to spark-submit (--conf,
   * spark-defaults.conf) win over the file's; {@code overrides} (the command line's) win over both.
   *
   * @param master null under spark-submit
   */
  public org.apache.spark.sql.SparkSession session(String appName, String master, Map<String, String> overrides) {
    org.apache.spark.sql.SparkSession.Builder builder = org.apache.spark.sql.SparkSession.builder().appName(appName);
    if (master != null) {
      builder.master(master);
      if (master.startsWith("local")) {
        builder.config("spark.ui.showConsoleProgress", "true");
      }
    }
    notGivenToSparkSubmit().forEach(builder::config);
    overrides.forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * Sets this configuration's Spark settings on a session built elsewhere (a test's, or one a caller made), except
   * those given to spark-submit, which win as in {@link #session}; settings fixed at start-up are left alone.
   */
  public void applyTo(org.apache.spark.sql.SparkSession session) {
    notGivenToSparkSubmit().forEach((k, v) -> {
      if (session.conf().isModifiable(k)) {
        session.conf().set(k, v);
      }
    });
  }

  /** The file's Spark settings but those spark-submit gave the driver (as system properties), which win. */
  private Map<String, String> notGivenToSparkSubmit() {
    Map<String, String> out = new LinkedHashMap<>(spark);
    out.keySet().removeIf(k -> System.getProperty(k) != null);
    return out;
  }

  JobConfig merge(JsonNode root) {
    Map<String, String> t = new LinkedHashMap<>(tables);
    root.path("tables").fields().forEachRemaining(e -> t.put(e.getKey(), e.getValue().asText()));
    Map<String, String> s = new LinkedHashMap<>(spark);
    root.path("spark").fields().forEachRemaining(e -> s.put(e.getKey(), e.getValue().asText()));
    JsonNode limits = root.path("limits");
    return new JobConfig(text(root, "input", input), text(root, "manifest", manifest),
        text(root, "warehouse", warehouse), t, limits.path("maxFileBytes").asLong(maxFileBytes),
        limits.path("parseTimeoutMs").asLong(parseTimeoutMs), documents(limits.path("documents")), s);
  }

  private DocumentLimits documents(JsonNode d) {
    return new DocumentLimits(d.path("maxPages").asInt(documents.maxPages()),
        d.path("maxUnpackedBytes").asLong(documents.maxUnpackedBytes()),
        d.path("minInflateRatio").asDouble(documents.minInflateRatio()),
        d.path("maxMemoryBytes").asLong(documents.maxMemoryBytes()));
  }

  private static String text(JsonNode root, String field, String fallback) {
    JsonNode n = root.get(field);
    return n == null || n.isNull() ? fallback : n.asText();
  }

  public JobConfig withInput(String v) {
    return v == null ? this
        : new JobConfig(v, manifest, warehouse, tables, maxFileBytes, parseTimeoutMs, documents, spark);
  }

  public JobConfig withManifest(String v) {
    return v == null ? this
        : new JobConfig(input, v, warehouse, tables, maxFileBytes, parseTimeoutMs, documents, spark);
  }

  public JobConfig withWarehouse(String v) {
    return v == null ? this
        : new JobConfig(input, manifest, v, tables, maxFileBytes, parseTimeoutMs, documents, spark);
  }

  public JobConfig withLimits(Long maxBytes, Long timeoutMs) {
    return new JobConfig(input, manifest, warehouse, tables, maxBytes == null ? maxFileBytes : maxBytes,
        timeoutMs == null ? parseTimeoutMs : timeoutMs, documents, spark);
  }

  public JobConfig withSpark(Map<String, String> extra) {
    Map<String, String> s = new LinkedHashMap<>(spark);
    s.putAll(extra);
    return new JobConfig(input, manifest, warehouse, tables, maxFileBytes, parseTimeoutMs, documents, s);
  }

  /** Where a table's Delta folder is. */
  public String tablePath(String table) {
    String name = tables.get(table);
    if (name == null) {
      throw new IllegalArgumentException("unknown table " + table);
    }
    return warehouse.endsWith("/") ? warehouse + name : warehouse + "/" + name;
  }
}
