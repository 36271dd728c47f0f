package org.gongkai.job;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the commands that work on a warehouse rather than on input files (rollup, repair). */
public final class WarehouseOptions {

  @Option(names = "--warehouse", description = "folder or URI of the Delta tables")
  String warehouse;

  @Option(names = "--config", description = "YAML configuration (default: conf/gongkai.yaml when present)")
  Path config;

  @Option(names = "--master", description = "Spark master when not run by spark-submit (default: local[*])")
  String master;

  /** The configuration with the warehouse given on the command line. */
  public JobConfig config() throws IOException {
    return JobConfig.resolve(config).withWarehouse(warehouse);
  }

  public String master() {
    return master;
  }
}
