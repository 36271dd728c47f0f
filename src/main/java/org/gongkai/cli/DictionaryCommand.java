package org.gongkai.cli;

import java.util.concurrent.Callable;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.MetricDef;
import picocli.CommandLine.Command;

/** {@code gongkai dictionary}: the data dictionary of every metric key, generated from the catalog (Markdown). */
@Command(name = "dictionary", mixinStandardHelpOptions = true,
    description = "Print the data dictionary (every metric key of every template version) as Markdown.")
public final class DictionaryCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.out.print(render(MetricCatalog.standard()));
    return 0;
  }

  public static String render(MetricCatalog catalog) {
    StringBuilder sb = new StringBuilder();
    sb.append("# gongkai data dictionary\n\n")
        .append("Generated from `src/main/resources/gongkai/metrics.yaml` by `jobs/gongkai dictionary`; do not edit.\n")
        .append("Each metric is a row of the `metrics` table (`metric_key`), and a key of `gongkai parse` output.\n")
        .append("The `metrics` table holds cell-level columns only (report_id, year, metric_key, value as ")
        .append("DECIMAL(18,4), status, raw_text and the cell's lineage); the view `metrics_enriched` adds each ")
        .append("cell's report columns (agency, format, region, source_path, run_id, parser_version) and this ")
        .append("catalog's columns (table_id, row_key, column_key, unit, label_zh, label_en), which the table ")
        .append("`metric_catalog` holds.\n");
    catalog.formats().forEach(f -> {
      sb.append("\n## Template ").append(f.id()).append(": ").append(f.zh()).append("\n\n")
          .append(f.en()).append("\n\n")
          .append("| metric_key | 表 | 中文 | English | unit |\n|---|---|---|---|---|\n");
      for (MetricDef d : catalog.metrics(f.id())) {
        sb.append("| `").append(d.key()).append("` | ").append(d.table()).append(" | ").append(d.zh())
            .append(" | ").append(d.en()).append(" | ").append(d.unit()).append(" |\n");
      }
    });
    return sb.toString();
  }
}
