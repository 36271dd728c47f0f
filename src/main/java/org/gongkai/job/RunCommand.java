package org.gongkai.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gongkai run}: the Spark job, locally or under spark-submit. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Ingest report files, parse them with Spark and write the Delta tables.",
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {"0:every file accounted for", "1:the run failed (its runs row says why)",
        "2:a bad option or configuration value", "3:another run holds the warehouse"})
public final class RunCommand implements Callable<Integer> {

  @Option(names = "--config", description = "YAML configuration (default: conf/gongkai.yaml when present)")
  Path config;

  @Option(names = "--input", description = "report files: a Hadoop URI, globs allowed (file://, hdfs://, s3a://)")
  String input;

  @Option(names = "--warehouse", description = "folder or URI of the Delta tables")
  String warehouse;

  @Option(names = "--manifest", description = "CSV or JSON Lines: path, agency, region_code, year, source_url")
  String manifest;

  @Option(names = "--reprocess", description = "parse every file again (a new parser version) and replace rows")
  boolean reprocess;

  @Option(names = "--recheck-all", description = "recompute the cross-report checks and gold tables of every "
      + "year, not only of the years the new files touch (a scheduled full recheck)")
  boolean recheckAll;

  @Option(names = "--master", description = "Spark master when not run by spark-submit (default: local[*])")
  String master;

  @Option(names = "--max-file-bytes", description = "files larger than this are quarantined unread")
  Long maxFileBytes;

  @Option(names = "--parse-timeout-ms", description = "time budget of one file's parse")
  Long parseTimeoutMs;

  @Option(names = "--transient-retries",
      description = "how many more runs retry a file quarantined for a reason that may pass (time budget, read error)")
  Integer transientRetries;

  @Option(names = "--conf", description = "a Spark setting, key=value (repeatable)")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    // every value is checked here, before Spark starts
    JobConfig cfg = JobConfig.resolve(config)
        .withInput(input).withWarehouse(warehouse).withManifest(manifest)
        .withLimits(maxFileBytes, parseTimeoutMs).withTransientRetries(transientRetries).withSpark(sparkConf);
    if (cfg.input() == null) {
      throw new IllegalArgumentException("no input: give --input URI or set input in the configuration");
    }
    try (SparkSession spark = cfg.session("gongkai", master, sparkConf)) {
      RunSummary summary = GongkaiJob.run(spark, cfg, reprocess, recheckAll);
      System.out.print(summary.describe());
      return summary.accountedFor() ? 0 : 1;
    }
  }
}
