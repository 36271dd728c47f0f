package org.gongkai.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import java.net.URI;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The optional manifest a crawler writes beside the files (CSV with a header, or JSON Lines): path, agency,
 * region_code, year, source_url. Its fields override what the parser infers; a relative path is relative to the
 * input folder.
 */
public final class Manifest {

  private Manifest() {
  }

  /**
   * Attaches the manifest's fields to files (by path): manifest_agency, manifest_region_code, manifest_year,
   * manifest_source_url, null where the manifest says nothing.
   */
  public static Dataset<Row> attach(Dataset<Row> files, Dataset<Row> manifest) {
    if (manifest == null) {
      return files.withColumn("manifest_agency", lit(null).cast("string"))
          .withColumn("manifest_region_code", lit(null).cast("string"))
          .withColumn("manifest_year", lit(null).cast("int"))
          .withColumn("manifest_source_url", lit(null).cast("string"));
    }
    Dataset<Row> m = manifest.dropDuplicates("manifest_path");
    return files.join(m, files.col("path").equalTo(m.col("manifest_path")), "left").drop("manifest_path");
  }

  /** The manifest with paths qualified like binaryFile's: manifest_path, agency, region_code, year, source_url. */
  public static Dataset<Row> read(SparkSession spark, String manifestUri, String input) {
    String uri = manifestUri.strip();
    Dataset<Row> raw = uri.endsWith(".csv")
        ? spark.read().option("header", "true").option("encoding", "UTF-8").csv(uri)
        : spark.read().json(uri);
    String base = qualify(spark, Ingest.normalise(input));
    UserDefinedFunction resolve = udf((UDF2<String, String, String>) Manifest::resolve, DataTypes.StringType);
    return raw.select(
        resolve.apply(col("path").cast("string"), lit(base)).as("manifest_path"),
        optional(raw, "agency").as("manifest_agency"),
        optional(raw, "region_code").as("manifest_region_code"),
        // a year that is no number, or none a report could have, is no hint (a cast would fail the run under ANSI)
        year(optional(raw, "year")).as("manifest_year"),
        optional(raw, "source_url").as("manifest_source_url"));
  }

  private static org.apache.spark.sql.Column year(org.apache.spark.sql.Column text) {
    org.apache.spark.sql.Column y = org.apache.spark.sql.functions.trim(text).try_cast("int");
    return org.apache.spark.sql.functions.when(y.between(1900, 2999), y);
  }

  private static org.apache.spark.sql.Column optional(Dataset<Row> raw, String field) {
    return java.util.Arrays.asList(raw.columns()).contains(field) ? col(field).cast("string") : lit(null).cast("string");
  }

  /** A manifest path as binaryFile names the file: scheme-qualified, relative paths under the input folder. */
  static String resolve(String path, String base) {
    if (path == null || path.isBlank()) {
      return null;
    }
    try {
      Path p = new Path(path.strip());
      if (p.toUri().getScheme() == null && !p.isAbsolute()) {
        p = new Path(new Path(base), path.strip());
      }
      URI u = p.toUri();
      if (u.getScheme() == null) {
        return "file:" + u.getPath();
      }
      return p.toString();
    } catch (IllegalArgumentException notAPath) {
      // a manifest line whose path is no valid path names no file: its hints are not used
      return null;
    }
  }

  private static String qualify(SparkSession spark, String input) {
    // a glob's fixed part is the folder relative manifest paths start from
    int glob = input.replaceAll("[*?\\[{].*$", "").lastIndexOf('/');
    String folder = input.matches(".*[*?\\[{].*") && glob > 0 ? input.substring(0, glob) : input;
    try {
      Path p = new Path(folder);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot resolve input " + input, e);
    }
  }
}
