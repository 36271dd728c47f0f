package org.gongkai.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes to the Delta tables. Every write is one Delta commit keyed on the table's natural key (MERGE), so a rerun
 * with the same rows changes nothing and a reprocess replaces rows atomically, leaving the previous version for
 * time travel.
 */
public final class DeltaStore {

  /** A boolean source column meaning "delete the target row with this key". Never stored. */
  public static final String DELETE_FLAG = "_gongkai_delete";

  private final SparkSession spark;

  public DeltaStore(SparkSession spark) {
    this.spark = spark;
  }

  public boolean exists(String path) {
    return DeltaTable.isDeltaTable(spark, path);
  }

  /** The table, or null when it was never written. */
  public Dataset<Row> read(String path) {
    return exists(path) ? spark.read().format("delta").load(path) : null;
  }

  /**
   * The table as of its current version, pinned: writes later in the run do not change what this reads. Null
   * when the table was never written.
   */
  public Dataset<Row> snapshot(String path) {
    if (!exists(path)) {
      return null;
    }
    long version = DeltaTable.forPath(spark, path).history(1).head().getLong(0);
    return spark.read().format("delta").option("versionAsOf", version).load(path);
  }

  /**
   * Creates the table, empty, with the rows' schema, partitioning and table properties, unless it exists. A table
   * created by a write instead gets the default properties.
   */
  public void createIfMissing(StructType schema, String path, List<String> partitionBy,
                              Map<String, String> properties) {
    if (exists(path)) {
      return;
    }
    clearDebris(path);
    // nullable as a table created by a write is: the builder would turn a non-nullable field into a NOT NULL
    // constraint
    StructType nullable = new StructType(Arrays.stream(schema.fields())
        .filter(f -> !f.name().equals(DELETE_FLAG))
        .map(f -> f.copy(f.name(), nullable(f.dataType()), true, f.metadata())).toArray(StructField[]::new));
    var builder = DeltaTable.createIfNotExists(spark).location(qualified(path)).addColumns(nullable)
        .partitionedBy(partitionBy.toArray(new String[0]));
    for (Map.Entry<String, String> p : properties.entrySet()) {
      builder = builder.property(p.getKey(), p.getValue());
    }
    try {
      builder.execute();
    } catch (RuntimeException e) {
      // another process created it at the same moment (the runs table, written before the lease is known)
      if (!exists(path)) {
        throw e;
      }
    }
  }

  /** The type with every nested field and element nullable: Delta refuses NOT NULL inside arrays and maps. */
  private static DataType nullable(DataType type) {
    if (type instanceof StructType st) {
      return new StructType(Arrays.stream(st.fields())
          .map(f -> f.copy(f.name(), nullable(f.dataType()), true, f.metadata())).toArray(StructField[]::new));
    }
    if (type instanceof ArrayType at) {
      return DataTypes.createArrayType(nullable(at.elementType()), true);
    }
    if (type instanceof MapType mt) {
      return DataTypes.createMapType(nullable(mt.keyType()), nullable(mt.valueType()), true);
    }
    return type;
  }

  /**
   * The table's folder as a full URI. The builder names the table delta.`location`, which must be one: a
   * relative folder (the default warehouse) is refused as a table name.
   */
  public String qualified(String path) {
    Path location = new Path(path);
    try {
      return location.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(location).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * A table's folder without a Delta log is what a first write killed before its commit leaves: data files no
   * version names. Deleted, so the table can be created there. Anything else in such a folder (files of another
   * tool, a log of some other format) is left alone and refused.
   */
  public void clearDebris(String path) {
    Path folder = new Path(path);
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(folder)) {
        return;
      }
      if (!fs.getFileStatus(folder).isDirectory()) {
        throw new IllegalStateException(path + " is a file, not a table folder: move it away or choose another "
            + "warehouse");
      }
      String foreign = foreignFile(fs, folder);
      if (foreign != null) {
        throw new IllegalStateException(path + " holds " + foreign + ", which is not a Delta table's: move the "
            + "folder away or choose another warehouse");
      }
      fs.delete(folder, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect " + path + ": " + e.getMessage(), e);
    }
  }

  /** The first file under the folder that a Spark write into a Delta table does not make, or null. */
  private static String foreignFile(FileSystem fs, Path folder) throws IOException {
    for (FileStatus f : fs.listStatus(folder)) {
      String name = f.getPath().getName();
      if (f.isDirectory()) {
        // partition folders (year=2024) and Spark's scratch folders
        String inner = name.contains("=") || name.startsWith("_temporary") || name.startsWith(".spark-staging")
            ? foreignFile(fs, f.getPath()) : f.getPath().toString();
        if (inner != null) {
          return inner;
        }
      } else if (!(name.startsWith("part-") || name.startsWith(".part-") || name.equals("_SUCCESS")
          || name.startsWith("._SUCCESS"))) {
        return f.getPath().toString();
      }
    }
    return null;
  }

  /** Inserts new keys and updates existing ones. Creates the table (partitioned as given) on first write. */
  public void upsert(Dataset<Row> rows, String path, List<String> keys, List<String> partitionBy) {
    upsert(rows, path, keys, partitionBy, null);
  }

  /**
   * As above, when every target row a source key can match satisfies {@code targetPredicate} (SQL over the target
   * alias {@code t}, e.g. {@code t.year IN (2025)}): the MERGE then reads only the partitions it names.
   */
  public void upsert(Dataset<Row> rows, String path, List<String> keys, List<String> partitionBy,
                     String targetPredicate) {
    merge(rows.withColumn(DELETE_FLAG, lit(false)), path, keys, partitionBy, targetPredicate);
  }

  /**
   * Upserts rows, deleting the target row of every key whose source row has {@link #DELETE_FLAG} true. One
   * commit.
   */
  public void merge(Dataset<Row> rows, String path, List<String> keys, List<String> partitionBy) {
    merge(rows, path, keys, partitionBy, null);
  }

  private void merge(Dataset<Row> rows, String path, List<String> keys, List<String> partitionBy,
                     String targetPredicate) {
    if (!exists(path)) {
      // the log first: a first write killed before its commit would leave data files and no table
      createIfMissing(rows.schema(), path, partitionBy, Map.of());
      appendNew(rows, path, spark.read().format("delta").load(path).columns());
      return;
    }
    String[] columns = addMissingColumns(path, rows.schema());
    if (noneStored(rows, path, keys, targetPredicate)) {
      appendNew(rows, path, columns);
      return;
    }
    Map<String, String> assign = new LinkedHashMap<>();
    for (String c : columns) {
      assign.put("`" + c + "`", "s.`" + c + "`");
    }
    DeltaTable.forPath(spark, path).as("t")
        .merge(rows.as("s"), targetPredicate == null ? on(keys) : "(" + targetPredicate + ") AND " + on(keys))
        .whenMatched("s." + DELETE_FLAG).delete()
        .whenMatched().updateExpr(assign)
        .whenNotMatched("NOT s." + DELETE_FLAG).insertExpr(assign)
        .execute();
  }

  /**
   * Replaces every row of the groups present in {@code rows} (all metrics of the reports being written): keys
   * present are upserted, keys of those groups that {@code rows} no longer has are deleted. One commit.
   */
  public void replaceGroups(Dataset<Row> rows, String path, String groupKey, List<String> keys,
                            List<String> partitionBy) {
    replaceGroups(rows, path, groupKey, keys, partitionBy, null);
  }

  /** As above, reading only the target rows that satisfy {@code targetPredicate} (see {@link #upsert}). */
  public void replaceGroups(Dataset<Row> rows, String path, String groupKey, List<String> keys,
                            List<String> partitionBy, String targetPredicate) {
    replaceGroups(rows, rows.select(groupKey).distinct(), path, groupKey, keys, partitionBy, targetPredicate);
  }

  /** As above, for the given groups: a group in {@code groups} with no rows loses all its rows. */
  public void replaceGroups(Dataset<Row> rows, Dataset<Row> groups, String path, String groupKey,
                            List<String> keys, List<String> partitionBy) {
    replaceGroups(rows, groups, path, groupKey, keys, partitionBy, null);
  }

  /** As above, reading only the target rows that satisfy {@code targetPredicate} (see {@link #upsert}). */
  public void replaceGroups(Dataset<Row> rows, Dataset<Row> groups, String path, String groupKey,
                            List<String> keys, List<String> partitionBy, String targetPredicate) {
    Dataset<Row> source = rows.withColumn(DELETE_FLAG, lit(false));
    if (exists(path)) {
      if (noneStored(groups, path, List.of(groupKey), targetPredicate)) {
        appendNew(source, path, addMissingColumns(path, source.schema()));
        return;
      }
      Dataset<Row> target = spark.read().format("delta").load(path).as("t");
      if (targetPredicate != null) {
        target = target.where(targetPredicate);
      }
      Dataset<Row> stale = target
          .join(groups, target.col(groupKey).equalTo(groups.col(groupKey)), "left_semi")
          .join(rows.select(keys.stream().map(rows::col).toArray(Column[]::new)), seq(keys), "left_anti")
          // one delete per key: a key stored twice (an older version's concurrent runs) would otherwise be two
          // source rows matching the same target rows, which a MERGE refuses
          .dropDuplicates(keys.toArray(new String[0]));
      source = source.unionByName(stale.withColumn(DELETE_FLAG, lit(true)), true);
    }
    merge(source, path, keys, partitionBy, targetPredicate);
  }

  /**
   * True when no stored row (of those satisfying {@code targetPredicate}) has a key of {@code rows}: the yearly
   * case, where every report is new. The write is then a plain append, which reads nothing of the table; a MERGE
   * would read the partitions twice (to find the files it touches, then to write) for the same result. Reads the
   * key columns only.
   */
  private boolean noneStored(Dataset<Row> rows, String path, List<String> keys, String targetPredicate) {
    Dataset<Row> target = spark.read().format("delta").load(path);
    if (targetPredicate != null) {
      target = target.as("t").where(targetPredicate);
    }
    Dataset<Row> stored = target.select(keys.stream().map(target::col).toArray(Column[]::new));
    Dataset<Row> wanted = rows.select(keys.stream().map(rows::col).toArray(Column[]::new));
    Column same = keys.stream().map(k -> stored.col(k).eqNullSafe(wanted.col(k))).reduce(Column::and).orElseThrow();
    return stored.join(wanted, same, "left_semi").isEmpty();
  }

  /** The rows to insert (not flagged for deletion), with the table's columns in its order, as one append. */
  private static void appendNew(Dataset<Row> rows, String path, String[] columns) {
    java.util.Set<String> present = java.util.Set.of(rows.columns());
    // a column the rows lack (written by a newer version, read by an older one) is null
    rows.where(col(DELETE_FLAG).equalTo(false)).select(Arrays.stream(columns)
        .map(c -> present.contains(c) ? col("`" + c + "`") : lit(null).as(c))
        .toArray(Column[]::new)).write().format("delta").mode("append").save(path);
  }

  /**
   * Adds to the table the columns of {@code schema} it does not have yet (a column a newer gongkai writes, on a
   * warehouse an older one created), one commit when there are any; returns the table's columns after.
   */
  public String[] addMissingColumns(String path, StructType schema) {
    StructType stored = spark.read().format("delta").load(path).schema();
    java.util.Set<String> have = new java.util.HashSet<>(Arrays.asList(stored.fieldNames()));
    List<String> added = Arrays.stream(schema.fields())
        .filter(f -> !f.name().equals(DELETE_FLAG) && !have.contains(f.name()))
        .map(f -> "`" + f.name() + "` " + f.dataType().sql()).toList();
    if (!added.isEmpty()) {
      spark.sql("ALTER TABLE delta.`" + qualified(path).replace("`", "``") + "` ADD COLUMNS ("
          + String.join(", ", added) + ")");
    }
    return spark.read().format("delta").load(path).columns();
  }

  /** Deletes rows whose key is not among {@code keep} (reports of files whose content changed). One commit. */
  public void deleteNotIn(String path, Dataset<Row> keep, String key) {
    if (!exists(path)) {
      return;
    }
    DeltaTable.forPath(spark, path).as("t")
        .merge(keep.select(key).distinct().as("s"), "t.`" + key + "` = s.`" + key + "`")
        .whenNotMatchedBySource().delete()
        .execute();
  }

  /** Replaces the rows matching {@code predicate} (a SQL condition) with {@code rows}, in one commit. */
  public void replaceWhere(Dataset<Row> rows, String path, String predicate) {
    // the log first: a gold table is never a folder of data files without one
    createIfMissing(rows.schema(), path, List.of(), Map.of());
    // mergeSchema: a column added in a later version (anomalies.statistic) joins an older warehouse's table
    rows.write().format("delta").mode("overwrite").option("replaceWhere", predicate).option("mergeSchema", "true")
        .save(path);
  }

  public void append(Dataset<Row> rows, String path) {
    createIfMissing(rows.schema(), path, List.of(), Map.of());
    rows.write().format("delta").mode("append").option("mergeSchema", "true").save(path);
  }

  private static String on(List<String> keys) {
    return keys.stream().map(k -> "t.`" + k + "` <=> s.`" + k + "`").collect(Collectors.joining(" AND "));
  }

  private static scala.collection.immutable.Seq<String> seq(List<String> keys) {
    return scala.jdk.javaapi.CollectionConverters.asScala(keys).toList();
  }
}
