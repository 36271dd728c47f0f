package org.gongkai.ingest;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reading report files from any Hadoop file system (file, hdfs, s3a) with Spark's {@code binaryFile} source: file
 * contents stay on the executors, and folders are read recursively. Listing and content reading are separate
 * scans so that only the files worth parsing have their bytes read.
 */
public final class Ingest {

  private Ingest() {
  }

  /** Every file under the input: path, length, modificationTime. No content is read. */
  public static Dataset<Row> list(SparkSession spark, String input) {
    return binaryFiles(spark, input).select(col("path"), col("length"), col("modificationTime"));
  }

  /**
   * Files not yet ingested: those whose (path, length, modificationTime) is not in the {@code files} table.
   *
   * @param known the {@code files} table (path, size, modification_time), or null to take everything
   */
  public static Dataset<Row> unseen(Dataset<Row> listed, Dataset<Row> known) {
    if (known == null) {
      return listed;
    }
    return listed.join(known, sameFile(listed, known), "left_anti");
  }

  /** Files of the listing already ingested with the same size and modification time. */
  public static Dataset<Row> alreadyIngested(Dataset<Row> listed, Dataset<Row> known) {
    if (known == null) {
      return listed.limit(0);
    }
    return listed.join(known, sameFile(listed, known), "left_semi");
  }

  private static org.apache.spark.sql.Column sameFile(Dataset<Row> listed, Dataset<Row> known) {
    return listed.col("path").equalTo(known.col("path"))
        .and(listed.col("length").equalTo(known.col("size")))
        .and(listed.col("modificationTime").equalTo(known.col("modification_time")));
  }

  /**
   * The content of the wanted files no larger than {@code maxBytes}: path, length, modificationTime, content.
   * The size filter is pushed into the scan, so oversized files are never read.
   */
  public static Dataset<Row> content(SparkSession spark, String input, Dataset<Row> wanted, long maxBytes) {
    Dataset<Row> files = binaryFiles(spark, input).where(col("length").leq(maxBytes));
    return files.join(wanted.select("path"), files.col("path").equalTo(wanted.col("path")), "left_semi");
  }

  private static Dataset<Row> binaryFiles(SparkSession spark, String input) {
    return spark.read().format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(normalise(input));
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
