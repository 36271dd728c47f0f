package org.gongkai.job;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What Spark's row encoder would refuse in a row built on an executor, found before it gets there: a null in a
 * field that cannot hold one, a decimal the column's type cannot hold. The encoder fails the whole task (and,
 * under ANSI, a cast fails the job) where one file's row is at fault; with this the file is quarantined instead.
 */
final class RowCheck {

  private RowCheck() {
  }

  /** What is wrong with the row for the schema, in words, or null when nothing is. */
  static String problem(Row row, StructType schema) {
    return struct(row, schema, "");
  }

  private static String struct(Row row, StructType schema, String at) {
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      String problem = value(row.isNullAt(i) ? null : row.get(i), fields[i].dataType(), fields[i].nullable(),
          at + fields[i].name());
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String value(Object v, DataType type, boolean nullable, String at) {
    if (v == null) {
      return nullable ? null : "internal error: no value for " + at;
    }
    if (type instanceof DecimalType d) {
      BigDecimal n = (BigDecimal) v;
      // the job's figures come at the column's scale already: a precision comparison, no rounding
      boolean fits = n.scale() == d.scale() ? n.precision() <= d.precision()
          : n.precision() - n.scale() <= d.precision() - d.scale()
              && n.setScale(d.scale(), RoundingMode.HALF_UP).precision() <= d.precision();
      if (fits) {
        return null;
      }
      String text = n.toPlainString();
      return "number out of range: " + (text.length() <= 40 ? text : text.substring(0, 40) + "…") + " (" + at
          + ")";
    }
    if (type instanceof StructType s) {
      return struct((Row) v, s, at + ".");
    }
    if (type instanceof ArrayType a) {
      scala.collection.Iterator<?> it = ((scala.collection.Seq<?>) v).iterator();
      for (int i = 0; it.hasNext(); i++) {
        String problem = value(it.next(), a.elementType(), a.containsNull(), at + "[" + i + "]");
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }
}
