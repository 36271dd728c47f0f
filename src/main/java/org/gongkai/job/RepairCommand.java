package org.gongkai.job;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gongkai.rollup.Rollups;
import org.gongkai.store.Repair;
import org.gongkai.store.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gongkai repair}: makes a warehouse whole again. Keys an older gongkai stored twice are removed (the row
 * of the newest succeeded run is kept), a table folder a killed first write left without its Delta log is cleared,
 * and every year's cross-report checks and gold tables are rebuilt. Under the warehouse's lease, like a run; the
 * first run of this version on an older warehouse does the same by itself.
 */
@Command(name = "repair", mixinStandardHelpOptions = true,
    description = "Remove keys stored twice by older versions, clear half-created tables, rebuild checks and rollups.")
public final class RepairCommand implements Callable<Integer> {

  @Mixin
  WarehouseOptions options = new WarehouseOptions();

  @Override
  public Integer call() throws Exception {
    JobConfig cfg = options.config();
    try (SparkSession spark = cfg.session("gongkai-repair", options.master(), JobConfig.LOCAL_TOOL)) {
      System.out.print(repair(spark, cfg));
    }
    return 0;
  }

  /** Repairs the warehouse and says what was done. */
  public static String repair(SparkSession spark, JobConfig cfg) throws org.gongkai.store.WarehouseBusyException {
    return Warehouse.leasedCommand(spark, cfg, "repair", (store, log) -> {
      StringBuilder out = new StringBuilder("gongkai repair of " + cfg.warehouse() + "\n");
      Map<String, Long> removed = Repair.dedupe(spark, store, cfg);
      removed.forEach((table, n) -> out.append(String.format("  %-12s %s%n", table,
          n == 0 ? "each key once" : n + " rows of keys stored twice removed")));
      // a gold table left as a folder without its log (a first write killed) is cleared and rebuilt below
      for (String gold : new String[] {Rollups.AGENCY_YEAR, Rollups.ROLLUP}) {
        String path = cfg.warehouse() + "/" + gold;
        if (!store.exists(path)) {
          store.clearDebris(path);
        }
      }
      if (store.exists(cfg.tablePath(JobConfig.REPORTS))) {
        Warehouse.rebuild(spark, store, cfg, log, null, true);
        out.append("  cross-report checks, agency_year and rollup rebuilt for every year\n");
      }
      log.finish(RunRecord.SUCCEEDED, null);
      return out.toString();
    });
  }
}
