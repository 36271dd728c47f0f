package org.gongkai.it;

import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/** A warehouse's metrics as sorted "file|metric|value|status" lines: equal lists mean equal cells. */
final class WarehouseCells {

  private WarehouseCells() {
  }

  static List<String> of(SparkSession spark, String warehouse) {
    // a cell's file is its report's
    return spark.read().format("delta").load(warehouse + "/metrics")
        .join(spark.read().format("delta").load(warehouse + "/reports").select("report_id", "source_path"),
            "report_id")
        .selectExpr("concat_ws('|', regexp_extract(source_path, '[^/]+$', 0), metric_key, "
            + "coalesce(cast(value AS STRING), ''), status)")
        .as(Encoders.STRING()).collectAsList().stream().sorted().toList();
  }
}
