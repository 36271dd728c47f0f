package org.gongkai.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.MetricDef;
import org.gongkai.check.Anomaly;
import org.gongkai.check.CheckEngine;
import org.gongkai.parse.Cell;
import org.gongkai.parse.ContentType;
import org.gongkai.parse.DocumentLimits;
import org.gongkai.parse.Hints;
import org.gongkai.parse.Report;
import org.gongkai.parse.ReportParser;
import org.gongkai.parse.UnreadableReportException;
import org.gongkai.region.Region;

/**
 * The parse step on the executors: each file's bytes go through the parsing core inside a time budget, and come
 * out as one row holding either the report (metadata, cells, warnings) or the reason it was quarantined. Nothing
 * about a file can fail the task.
 */
public final class ParseStage {

  public static final String PARSED = "parsed";
  public static final String QUARANTINED = "quarantined";

  /** The value type of every figure (the parsing core's {@link Cell#fits} range). */
  static final org.apache.spark.sql.types.DecimalType VALUE =
      DataTypes.createDecimalType(Cell.VALUE_PRECISION, Cell.VALUE_SCALE);

  /**
   * The type of an anomaly's figures (expected, actual, difference and its cells' values): wider than a cell's, as
   * a sum of cells can be; the anomalies table keeps the type it had before cells were narrowed to a long.
   */
  public static final int FIGURE_PRECISION = 20;
  static final org.apache.spark.sql.types.DecimalType FIGURE =
      DataTypes.createDecimalType(FIGURE_PRECISION, Cell.VALUE_SCALE);

  static final StructType CELL = new StructType()
      .add("metric_key", DataTypes.StringType, false)
      .add("value", VALUE, true)
      .add("status", DataTypes.StringType, false)
      .add("raw_text", DataTypes.StringType, true)
      .add("row_label", DataTypes.StringType, true)
      .add("row_basis", DataTypes.StringType, true)
      .add("column_label", DataTypes.StringType, true)
      .add("column_index", DataTypes.IntegerType, true)
      .add("source_line", DataTypes.IntegerType, true)
      .add("layout", DataTypes.StringType, true);

  static final StructType INVOLVED = new StructType()
      .add("key", DataTypes.StringType, false)
      .add("value", FIGURE, true)
      .add("status", DataTypes.StringType, true)
      .add("raw_text", DataTypes.StringType, true)
      .add("row_label", DataTypes.StringType, true)
      .add("source_line", DataTypes.IntegerType, true);

  static final StructType ANOMALY = new StructType()
      .add("rule_id", DataTypes.StringType, false)
      .add("severity", DataTypes.StringType, false)
      .add("scope", DataTypes.StringType, false)
      .add("expected", FIGURE, true)
      .add("actual", FIGURE, true)
      .add("difference", FIGURE, true)
      .add("cells", DataTypes.createArrayType(INVOLVED, false), false)
      .add("message_zh", DataTypes.StringType, true)
      .add("message_en", DataTypes.StringType, true);

  /** One row per file. */
  public static final StructType SCHEMA = new StructType()
      .add("path", DataTypes.StringType, false)
      .add("size", DataTypes.LongType, false)
      .add("modification_time", DataTypes.TimestampType, true)
      .add("sha256", DataTypes.StringType, true)
      .add("content_type", DataTypes.StringType, true)
      .add("encoding", DataTypes.StringType, true)
      .add("outcome", DataTypes.StringType, false)
      .add("stage", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, true)
      .add("exception_class", DataTypes.StringType, true)
      .add("report_id", DataTypes.StringType, true)
      .add("agency", DataTypes.StringType, true)
      .add("agency_basis", DataTypes.StringType, true)
      .add("year", DataTypes.IntegerType, true)
      .add("year_basis", DataTypes.StringType, true)
      .add("format", DataTypes.StringType, true)
      .add("format_basis", DataTypes.StringType, true)
      .add("title", DataTypes.StringType, true)
      .add("contact_phone", DataTypes.StringType, true)
      .add("province", DataTypes.StringType, true)
      .add("province_code", DataTypes.StringType, true)
      .add("prefecture", DataTypes.StringType, true)
      .add("prefecture_code", DataTypes.StringType, true)
      .add("county", DataTypes.StringType, true)
      .add("county_code", DataTypes.StringType, true)
      .add("region_code", DataTypes.StringType, true)
      .add("region_resolved_by", DataTypes.StringType, true)
      .add("region_candidates", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("level", DataTypes.StringType, true)
      .add("category", DataTypes.StringType, true)
      .add("scope", DataTypes.StringType, true)
      .add("source_url", DataTypes.StringType, true)
      .add("layout", DataTypes.StringType, true)
      .add("warnings", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("parse_ms", DataTypes.LongType, true)
      // counted here, where the cells are Java objects: Spark's filter over the cell array is interpreted
      .add("cells_value", DataTypes.IntegerType, true)
      .add("cells_blank", DataTypes.IntegerType, true)
      .add("cells_missing", DataTypes.IntegerType, true)
      .add("cells", DataTypes.createArrayType(CELL, false), true)
      .add("anomalies", DataTypes.createArrayType(ANOMALY, false), true)
      .add("cells_invalid", DataTypes.IntegerType, true)
      // a quarantine reason the next run retries (a time budget, a read error), not one of the file itself
      .add("transient", DataTypes.BooleanType, true)
      // the template's rows of which no cell was found (t3.not_processed.confirmation): a layout the parser misses
      .add("rows_missing", DataTypes.createArrayType(DataTypes.StringType, false), true);

  private ParseStage() {
  }

  /**
   * Parses files on the executors: path, length, modificationTime, content, and the manifest's fields
   * (manifest_agency, manifest_region_code, manifest_year, manifest_source_url; null where there is none).
   */
  public static Dataset<Row> parse(Dataset<Row> files, long timeoutMs, DocumentLimits limits) {
    return files.select("path", "length", "modificationTime", "content", "manifest_agency", "manifest_region_code",
            "manifest_year", "manifest_source_url")
        .mapPartitions(new ParseFunction(timeoutMs, limits), Encoders.row(SCHEMA));
  }

  /**
   * Files quarantined without their content being parsed: empty, over the size cap, or listed but absent from
   * the content scan (deleted or unreadable since the listing). {@code parsed} are the rows parsed from content.
   */
  public static Dataset<Row> unread(Dataset<Row> listed, Dataset<Row> parsed, long maxBytes) {
    Dataset<Row> missing = listed.where(col("length").gt(0).and(col("length").leq(maxBytes)))
        .join(parsed.select("path"), listed.col("path").equalTo(parsed.col("path")), "left_anti");
    Dataset<Row> out = listed.where(col("length").equalTo(0).or(col("length").gt(maxBytes))).unionByName(missing)
        .select(
        col("path"), col("length").as("size"), col("modificationTime").as("modification_time"),
        lit(null).cast("string").as("sha256"), lit(null).cast("string").as("content_type"),
        lit(null).cast("string").as("encoding"), lit(QUARANTINED).as("outcome"), lit("read").as("stage"),
        when(col("length").equalTo(0), lit("empty file"))
            .when(col("length").gt(maxBytes), concat(lit("file of "), col("length").cast("string"),
                lit(" bytes exceeds the size cap of " + maxBytes + " bytes")))
            .otherwise(lit("listed but not readable when its content was read (deleted or moved?)")).as("reason"),
        lit(null).cast("string").as("exception_class"),
        // a file that could not be read when its content was (deleted, moved, an I/O error) may be readable later
        col("length").gt(0).and(col("length").leq(maxBytes)).as("transient"));
    for (var f : SCHEMA.fields()) {
      if (!List.of(out.columns()).contains(f.name())) {
        out = out.withColumn(f.name(), lit(null).cast(f.dataType()));
      }
    }
    return out.select(List.of(SCHEMA.fieldNames()).stream().map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new));
  }

  /** Runs in each task; the parser (and its catalog) is built once per executor JVM. */
  static final class ParseFunction implements MapPartitionsFunction<Row, Row>, Serializable {
    private static final long serialVersionUID = 1L;
    private final long timeoutMs;
    private final DocumentLimits limits;

    ParseFunction(long timeoutMs, DocumentLimits limits) {
      this.timeoutMs = timeoutMs;
      this.limits = limits;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> files) {
      TimedParser parser = new TimedParser(timeoutMs, limits);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          boolean more = files.hasNext();
          if (!more) {
            parser.close();
          }
          return more;
        }

        @Override
        public Row next() {
          return parser.parse(files.next());
        }
      };
    }
  }

  /** What turns a file's bytes into a report: the parsing core, or a stand-in in tests of the time budget. */
  @FunctionalInterface
  interface Parse {
    Report apply(byte[] bytes, String source, Hints hints) throws UnreadableReportException;
  }

  /** The core parser behind a time budget enforced from outside it: a stuck parse is abandoned, not awaited. */
  static final class TimedParser implements AutoCloseable {
    // one parser per executor JVM and limits (a job has one set of limits)
    private static final Map<DocumentLimits, ReportParser> PARSERS = new ConcurrentHashMap<>();
    // the report rules run where the report is, in the same pass
    private static final CheckEngine CHECKS = CheckEngine.standard();
    private final long timeoutMs;
    private final Parse parse;
    private ExecutorService worker = newWorker();

    TimedParser(long timeoutMs, DocumentLimits limits) {
      this(timeoutMs, PARSERS.computeIfAbsent(limits, l -> new ReportParser(MetricCatalog.standard(), l))::parse);
    }

    TimedParser(long timeoutMs, Parse parse) {
      this.timeoutMs = timeoutMs;
      this.parse = parse;
    }

    Row parse(Row file) {
      String path = file.getString(0);
      long size = file.getLong(1);
      Timestamp mtime = file.getTimestamp(2);
      byte[] bytes = (byte[]) file.get(3);
      Hints hints = file.size() > 4
          ? new Hints(file.getString(4), file.getString(5), file.isNullAt(6) ? null : file.getInt(6))
          : Hints.NONE;
      String sourceUrl = file.size() > 7 ? file.getString(7) : null;
      String sha = sha256(bytes);
      String type = ContentType.sniff(bytes).label();
      long start = System.nanoTime();
      Future<Report> future = worker.submit(() -> parse.apply(bytes, path, hints));
      try {
        Report report = future.get(timeoutMs, TimeUnit.MILLISECONDS);
        Row row = parsed(path, size, mtime, sha, type, report, sourceUrl, elapsed(start));
        // a value Spark's row encoder would refuse fails the whole task, and under ANSI the job: caught here
        String problem = RowCheck.problem(row, SCHEMA);
        return problem == null ? row : quarantined(path, size, mtime, sha, type, report.encoding(), "parse",
            problem, IllegalArgumentException.class.getName(), false);
      } catch (TimeoutException e) {
        future.cancel(true);
        worker.shutdownNow();
        worker = newWorker(); // the stuck thread is a daemon and is left behind
        return quarantined(path, size, mtime, sha, type, null, "parse",
            "parse time budget of " + timeoutMs + " ms exceeded", TimeoutException.class.getName(), true);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnreadableReportException u) {
          return quarantined(path, size, mtime, sha, type, u.encoding(), "parse", u.reason(),
              u.getClass().getName(), false);
        }
        // memory runs short under load, not because of the file alone: the next run tries it again
        return quarantined(path, size, mtime, sha, type, null, "parse", "internal parser error: " + cause,
            cause.getClass().getName(), cause instanceof OutOfMemoryError);
      } catch (RuntimeException e) {
        // building the row from the report: a defect for this file, never a failed task
        return quarantined(path, size, mtime, sha, type, null, "parse", "internal error: " + e,
            e.getClass().getName(), false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("task interrupted", e);
      }
    }

    @Override
    public void close() {
      worker.shutdownNow();
    }

    private static ExecutorService newWorker() {
      return Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gongkai-parse");
        t.setDaemon(true);
        return t;
      });
    }

    private static long elapsed(long start) {
      return (System.nanoTime() - start) / 1_000_000;
    }

    private static Row parsed(String path, long size, Timestamp mtime, String sha, String type, Report r,
                              String sourceUrl, long ms) {
      List<Row> cells = new ArrayList<>(r.cells().size());
      int[] byStatus = new int[Cell.Status.values().length];
      java.util.Set<String> rowsFound = new java.util.HashSet<>();
      java.util.Set<String> rowsMissing = new java.util.LinkedHashSet<>();
      for (Cell c : r.cells()) {
        byStatus[c.status().ordinal()]++;
        MetricDef def = MetricCatalog.standard().metric(c.key());
        String row = def.table() + "." + def.row();
        (c.status() == Cell.Status.MISSING ? rowsMissing : rowsFound).add(row);
        var l = c.lineage();
        cells.add(RowFactory.create(c.key(),
            c.value() == null ? null : c.value().setScale(Cell.VALUE_SCALE, java.math.RoundingMode.HALF_UP),
            c.status().name().toLowerCase(java.util.Locale.ROOT), c.raw(),
            l == null ? null : l.rowLabel(), l == null ? null : l.rowBasis(),
            l == null ? null : l.column(), l == null ? null : l.columnIndex(),
            l == null ? null : l.line(), l == null ? null : l.layout()));
      }
      Region g = r.region();
      return RowFactory.create(path, size, mtime, sha, type, r.encoding(), PARSED, null, null, null, sha,
          r.agency(), r.agencyBasis(), r.year(), r.yearBasis(), r.format(), r.formatBasis(), r.title(),
          r.contactPhone(), g.province(), g.provinceCode(), g.prefecture(), g.prefectureCode(), g.county(),
          g.countyCode(), g.code(), g.resolvedBy(), seq(g.candidates()), r.level(), r.category(), r.scope(),
          sourceUrl, r.layout(), seq(r.warnings()), ms, byStatus[Cell.Status.VALUE.ordinal()],
          byStatus[Cell.Status.BLANK.ordinal()], byStatus[Cell.Status.MISSING.ordinal()], seq(cells),
          seq(anomalies(CHECKS.check(r))), byStatus[Cell.Status.INVALID.ordinal()], null,
          seq(rowsMissing.stream().filter(row -> !rowsFound.contains(row)).toList()));
    }

    private static Row quarantined(String path, long size, Timestamp mtime, String sha, String type,
                                   String encoding, String stage, String reason, String exceptionClass,
                                   boolean isTransient) {
      Object[] values = new Object[SCHEMA.size()];
      Object[] known = {path, size, mtime, sha, type, encoding, QUARANTINED, stage, reason, exceptionClass};
      System.arraycopy(known, 0, values, 0, known.length);
      values[SCHEMA.fieldIndex("transient")] = isTransient;
      return RowFactory.create(values);
    }
  }

  private static List<Row> anomalies(List<Anomaly> found) {
    List<Row> rows = new ArrayList<>(found.size());
    for (Anomaly a : found) {
      List<Row> cells = a.cells().stream().map(c -> RowFactory.create(c.key(), scale(c.value()), c.status(), c.raw(),
          c.rowLabel(), c.line())).toList();
      rows.add(RowFactory.create(a.ruleId(), a.severity(), a.scope(), scale(a.expected()), scale(a.actual()),
          scale(a.difference()), seq(cells), a.messageZh(), a.messageEn()));
    }
    return rows;
  }

  /**
   * A figure of an anomaly in its type ({@link #FIGURE}). One the type cannot hold (a sum of huge cells, a count stated in the
   * prose) is null: its message states it in full.
   */
  private static java.math.BigDecimal scale(java.math.BigDecimal v) {
    if (v == null || v.precision() - v.scale() > FIGURE_PRECISION - Cell.VALUE_SCALE) {
      return null;
    }
    java.math.BigDecimal scaled = v.setScale(Cell.VALUE_SCALE, java.math.RoundingMode.HALF_UP);
    return scaled.precision() <= FIGURE_PRECISION ? scaled : null;
  }

  /** Spark's row encoder takes Scala sequences for array columns. */
  private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
