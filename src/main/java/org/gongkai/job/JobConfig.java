package org.gongkai.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gongkai.parse.DocumentLimits;

/**
 * The job's configuration: {@code conf/gongkai.yaml} (read with Jackson) under command-line overrides. Immutable;
 * every value is checked when it is made, so a bad one stops the run before anything is read or written.
 *
 * @param tables logical table (files, reports, metrics, quarantine, runs) to folder name under the warehouse
 * @param documents limits for PDF and Word files (pages, unpacked size, compression ratio, memory)
 * @param transientRetries how many more runs try a file again whose quarantine reason may pass (time budget,
 *                         read error)
 * @param staleAfterMinutes a run claim without a heartbeat for this long is taken over (from another machine)
 * @param spark  Spark settings applied to the session the job builds
 */
public record JobConfig(String input, String manifest, String warehouse, Map<String, String> tables,
                        long maxFileBytes, long parseTimeoutMs, DocumentLimits documents, int transientRetries,
                        long staleAfterMinutes, Map<String, String> spark) {

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
  /** The longest parse time budget: a day. */
  public static final long MAX_PARSE_TIMEOUT_MS = 24L * 3600 * 1000;

  public JobConfig {
    tables = Map.copyOf(tables);
    spark = Map.copyOf(spark);
    if (maxFileBytes < 1 || maxFileBytes > MAX_FILE_BYTES_LIMIT) {
      throw new IllegalArgumentException("the file size cap (maxFileBytes, --max-file-bytes) must be between 1 and "
          + MAX_FILE_BYTES_LIMIT + " bytes (a file is read into one array): " + maxFileBytes);
    }
    if (parseTimeoutMs < 1 || parseTimeoutMs > MAX_PARSE_TIMEOUT_MS) {
      throw new IllegalArgumentException("the parse time budget (parseTimeoutMs, --parse-timeout-ms) must be between "
          + "1 and " + MAX_PARSE_TIMEOUT_MS + " ms: " + parseTimeoutMs);
    }
    if (transientRetries < 0 || transientRetries > 100) {
      throw new IllegalArgumentException("limits.transientRetries (--transient-retries) must be between 0 and 100: "
          + transientRetries);
    }
    if (staleAfterMinutes < 1) {
      throw new IllegalArgumentException("lease.staleAfterMinutes must be at least 1: " + staleAfterMinutes);
    }
    if (warehouse == null || warehouse.isBlank()) {
      throw new IllegalArgumentException("the warehouse (warehouse, --warehouse) must not be empty");
    }
    if (input != null && input.isBlank()) {
      throw new IllegalArgumentException("the input (input, --input) must not be empty");
    }
    for (Map.Entry<String, String> t : tables.entrySet()) {
      if (t.getValue().isBlank()) {
        throw new IllegalArgumentException("tables." + t.getKey() + " must be a folder name: '" + t.getValue() + "'");
      }
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
    return new JobConfig(null, null, "warehouse", tables, 20L * 1024 * 1024, 30_000, DocumentLimits.STANDARD, 2,
        15, spark);
  }

  /** Reads a YAML configuration file over the defaults. */
  public static JobConfig load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return defaults().merge(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("configuration file not found: " + file.toAbsolutePath());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("configuration file " + file + " is not valid YAML: "
          + e.getOriginalMessage());
    }
  }

  /**
   * The configuration a command runs with: {@code --config FILE}; else conf/gongkai.yaml of the directory the
   * command is started from, else that of the gongkai installation the scripts name ({@code -Dgongkai.home}),
   * else the defaults. Relative paths in it are taken from the directory the command is started from.
   */
  public static JobConfig resolve(Path config) throws IOException {
    if (config != null) {
      return load(config);
    }
    Path standard = Path.of("conf", "gongkai.yaml");
    if (Files.exists(standard)) {
      return load(standard);
    }
    String home = System.getProperty("gongkai.home");
    if (home != null && Files.exists(Path.of(home, "conf", "gongkai.yaml"))) {
      return load(Path.of(home, "conf", "gongkai.yaml"));
    }
    return defaults();
  }

  /** How long a run claim may go without a heartbeat before another machine's run takes it over. */
  public Duration staleAfter() {
    return Duration.ofMinutes(staleAfterMinutes);
  }

  /**
   * A Spark session with this configuration's settings. Settings given to spark-submit (--conf,
   * spark-defaults.conf) win over the file's; {@code overrides} (the command line's) win over both.
   *
   * @param master null: spark-submit's, or local[*] when not run by spark-submit
   */
  public org.apache.spark.sql.SparkSession session(String appName, String master, Map<String, String> overrides) {
    org.apache.spark.sql.SparkSession.Builder builder = org.apache.spark.sql.SparkSession.builder().appName(appName);
    // spark-submit passes its --master as the system property; a command started from a shell runs in local mode
    if (master == null && System.getProperty("spark.master") == null) {
      master = "local[*]";
    }
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
        text(root, "warehouse", warehouse), t, number(limits, "limits.", "maxFileBytes", maxFileBytes),
        number(limits, "limits.", "parseTimeoutMs", parseTimeoutMs), documents(limits.path("documents")),
        (int) number(limits, "limits.", "transientRetries", transientRetries),
        number(root.path("lease"), "lease.", "staleAfterMinutes", staleAfterMinutes), s);
  }

  private DocumentLimits documents(JsonNode d) {
    String at = "limits.documents.";
    JsonNode ratio = d.get("minInflateRatio");
    if (ratio != null && !ratio.isNull() && !ratio.isNumber()) {
      throw new IllegalArgumentException(at + "minInflateRatio must be a number: " + ratio.asText());
    }
    return new DocumentLimits((int) number(d, at, "maxPages", documents.maxPages()),
        number(d, at, "maxUnpackedBytes", documents.maxUnpackedBytes()),
        ratio == null || ratio.isNull() ? documents.minInflateRatio() : ratio.asDouble(),
        number(d, at, "maxMemoryBytes", documents.maxMemoryBytes()));
  }

  /** A whole number of the file, or the fallback when absent; text that is no number is an error, not ignored. */
  private static long number(JsonNode parent, String prefix, String field, long fallback) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (n.isIntegralNumber() || n.isTextual() && n.asText().strip().matches("-?\\d{1,18}")) {
      return n.isIntegralNumber() ? n.asLong() : Long.parseLong(n.asText().strip());
    }
    throw new IllegalArgumentException(prefix + field + " must be a whole number: " + n.asText());
  }

  private static String text(JsonNode root, String field, String fallback) {
    JsonNode n = root.get(field);
    return n == null || n.isNull() ? fallback : n.asText();
  }

  public JobConfig withInput(String v) {
    return v == null ? this : new JobConfig(v, manifest, warehouse, tables, maxFileBytes, parseTimeoutMs, documents,
        transientRetries, staleAfterMinutes, spark);
  }

  public JobConfig withManifest(String v) {
    return v == null ? this : new JobConfig(input, v, warehouse, tables, maxFileBytes, parseTimeoutMs, documents,
        transientRetries, staleAfterMinutes, spark);
  }

  public JobConfig withWarehouse(String v) {
    return v == null ? this : new JobConfig(input, manifest, v, tables, maxFileBytes, parseTimeoutMs, documents,
        transientRetries, staleAfterMinutes, spark);
  }

  public JobConfig withLimits(Long maxBytes, Long timeoutMs) {
    return new JobConfig(input, manifest, warehouse, tables, maxBytes == null ? maxFileBytes : maxBytes,
        timeoutMs == null ? parseTimeoutMs : timeoutMs, documents, transientRetries, staleAfterMinutes, spark);
  }

  public JobConfig withTransientRetries(Integer retries) {
    return retries == null ? this : new JobConfig(input, manifest, warehouse, tables, maxFileBytes, parseTimeoutMs,
        documents, retries, staleAfterMinutes, spark);
  }

  public JobConfig withSpark(Map<String, String> extra) {
    Map<String, String> s = new LinkedHashMap<>(spark);
    s.putAll(extra);
    return new JobConfig(input, manifest, warehouse, tables, maxFileBytes, parseTimeoutMs, documents,
        transientRetries, staleAfterMinutes, s);
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
