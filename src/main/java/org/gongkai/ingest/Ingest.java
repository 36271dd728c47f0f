package org.gongkai.ingest;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reading report files from any Hadoop file system (file, hdfs, s3a): the listing on the driver (as Spark's own
 * file sources do), file contents on the executors. Listing and content reading are separate steps so that only
 * the files worth parsing have their bytes read.
 */
public final class Ingest {

  private Ingest() {
  }

  static final StructType LISTING = new StructType()
      .add("path", DataTypes.StringType, false)
      .add("length", DataTypes.LongType, false)
      .add("modificationTime", DataTypes.TimestampType, false);

  /**
   * Every file under the input: path, length, modificationTime, named as binaryFile names them. No content is
   * read. Listed with Hadoop's file system API, not with the binaryFile scan, because file scans drop empty
   * files and an empty file must still be seen (and quarantined). Spark's file sources list on the driver too.
   *
   * @throws IllegalArgumentException when the input matches nothing
   */
  public static Dataset<Row> list(SparkSession spark, String input) {
    return spark.createDataFrame(listRows(spark.sparkContext().hadoopConfiguration(), input), LISTING);
  }

  /** The rows of {@link #list}, on the driver. */
  static List<Row> listRows(Configuration hadoop, String input) {
    Path pattern = new Path(normalise(input));
    List<Row> rows = new ArrayList<>();
    try {
      FileSystem fs = pattern.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(pattern);
      if (matches == null || matches.length == 0) {
        throw new IllegalArgumentException("input not found: " + input);
      }
      for (FileStatus match : matches) {
        if (!match.isDirectory()) {
          if (!hidden(match.getPath().getName())) {
            rows.add(row(match));
          }
          continue;
        }
        java.io.File local = fs instanceof LocalFileSystem l ? l.pathToFile(match.getPath())
            : fs instanceof RawLocalFileSystem r ? r.pathToFile(match.getPath()) : null;
        if (local != null) {
          walk(match.getPath(), local.toPath(), rows);
        } else {
          // object stores list a whole prefix in a few requests
          String root = match.getPath().toString();
          RemoteIterator<LocatedFileStatus> files = fs.listFiles(match.getPath(), true);
          while (files.hasNext()) {
            LocatedFileStatus f = files.next();
            if (!hiddenBelow(root, f.getPath().toString())) {
              rows.add(row(f));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
    }
    return rows;
  }

  /**
   * A local folder, recursively, read with java.nio: Hadoop's local listing builds a status object per file with
   * several system calls (102,000 files in a fresh JVM: 6.9 s, against 1.2 s this way), and its listFiles would
   * fork an {@code ls} per file for permissions without Hadoop's native library. The path of each file is built
   * as Hadoop's listing builds it (the name as one component under the folder's Path), and size and modification
   * time come from the same stat, so a file has the same key in the files table whichever way it was listed. An
   * entry that vanishes while listed (or a dangling link, or a link loop) is left out, as Hadoop leaves it out.
   */
  private static void walk(Path dir, java.nio.file.Path folder, List<Row> rows) throws IOException {
    try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(folder)) {
      for (java.nio.file.Path entry : entries) {
        String name = entry.getFileName().toString();
        if (hidden(name)) {
          continue;
        }
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(entry, BasicFileAttributes.class);
        } catch (FileSystemException gone) {
          // vanished, a dangling link or a link loop: Hadoop's listing leaves these out too
          continue;
        }
        // the name as one path component, as Hadoop's listing takes it: parsed as a path, "10:30.txt" would be a
        // URI scheme
        Path child = new Path(dir, new Path(null, null, name));
        if (attributes.isDirectory()) {
          walk(child, entry, rows);
        } else {
          rows.add(row(child.toString(), attributes.size(), attributes.lastModifiedTime().toMillis()));
        }
      }
    }
  }

  private static Row row(FileStatus f) {
    return row(f.getPath().toString(), f.getLen(), f.getModificationTime());
  }

  private static Row row(String path, long size, long modifiedMillis) {
    return RowFactory.create(path, size, new Timestamp(modifiedMillis));
  }

  /** Spark's file sources skip names starting with "_" or "." (and files being copied): so does gongkai. */
  private static boolean hidden(String name) {
    return name.startsWith("_") || name.startsWith(".") || name.endsWith("._COPYING_");
  }

  private static boolean hiddenBelow(String root, String path) {
    String rest = path.startsWith(root) ? path.substring(root.length()) : path;
    for (String part : rest.split("/")) {
      if (!part.isEmpty() && hidden(part)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Files not yet ingested: those whose (path, length, modificationTime) is not in the {@code files} table, and
   * those quarantined there for a reason that may pass ({@link #retried}).
   *
   * @param known the {@code files} table (path, size, modification_time), or null to take everything
   */
  public static Dataset<Row> unseen(Dataset<Row> listed, Dataset<Row> known, int transientRetries) {
    if (known == null) {
      return listed;
    }
    Dataset<Row> settled = known;
    if (java.util.Arrays.asList(known.columns()).contains("transient")) {
      settled = known.where(retry(known, transientRetries).unary_$bang());
    }
    return listed.join(settled, sameFile(listed, known), "left_anti");
  }

  /**
   * The files of the {@code files} table whose quarantine reason may pass (a time budget exceeded, a read error)
   * and that were tried no more than {@code transientRetries} times: path, size, modification_time, attempts. The
   * next run parses them again; a file tried 1 + transientRetries times stays quarantined. Null for a table
   * written before retries were recorded.
   */
  public static Dataset<Row> retried(Dataset<Row> known, int transientRetries) {
    if (known == null || !java.util.Arrays.asList(known.columns()).contains("transient")) {
      return null;
    }
    return known.where(retry(known, transientRetries)).select("path", "size", "modification_time", "attempts");
  }

  private static org.apache.spark.sql.Column retry(Dataset<Row> known, int transientRetries) {
    return org.apache.spark.sql.functions.coalesce(known.col("transient"), org.apache.spark.sql.functions.lit(false))
        .and(org.apache.spark.sql.functions.coalesce(known.col("attempts"), org.apache.spark.sql.functions.lit(1))
            .leq(transientRetries));
  }

  private static org.apache.spark.sql.Column sameFile(Dataset<Row> listed, Dataset<Row> known) {
    return listed.col("path").equalTo(known.col("path"))
        .and(listed.col("length").equalTo(known.col("size")))
        .and(listed.col("modificationTime").equalTo(known.col("modification_time")));
  }

  static final StructType CONTENT = LISTING.add("content", DataTypes.BinaryType, false);

  /**
   * About this many files per read-and-parse task. Each task pays a fixed cost (Spark generates the code of the
   * parsed rows' encoder again for every task: at 200 files a task, a seventh of the task threads' time in a JFR
   * profile of the job at 100,000 reports, jobs/bench-results.md), so tasks are large; but never fewer than
   * {@link #WAVES} per task slot, so that a cluster keeps every core busy and the last, unevenly filled wave is
   * short (each core then pays the fixed cost a few times only, however small its tasks).
   */
  static final int FILES_PER_TASK = 1000;
  static final int WAVES = 4;

  /**
   * The content of the wanted files no larger than {@code maxBytes}: path, length, modificationTime, content.
   * Only the wanted files are opened (a rerun with 1% new files reads 1% of the bytes), on the executors: local
   * files with java.nio, others with the Hadoop file system of their path (s3a, hdfs …). A file that cannot be
   * read is left out with a warning in the executor's log: the job then quarantines it as listed but not readable.
   */
  public static Dataset<Row> content(SparkSession spark, Dataset<Row> wanted, long maxBytes) {
    Dataset<Row> files = wanted.where(col("length").leq(maxBytes).and(col("length").gt(0)))
        .select("path", "length", "modificationTime");
    long n = files.count();
    int tasks = (int) Math.max((long) WAVES * spark.sparkContext().defaultParallelism(),
        Math.min(n / FILES_PER_TASK + 1, 100_000));
    return files.repartition(tasks).mapPartitions(
        new ContentReader(spark.sparkContext().hadoopConfiguration(), maxBytes), Encoders.row(CONTENT));
  }

  /** Hadoop globs have no "**": a trailing /** means the folder, read recursively. */
  static String normalise(String input) {
    String s = input.strip();
    if (s.endsWith("/**")) {
      s = s.substring(0, s.length() - 3);
    }
    while (s.length() > 1 && s.endsWith("/") && !s.endsWith("://")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
