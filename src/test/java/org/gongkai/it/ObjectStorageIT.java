package org.gongkai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.gongkai.SparkTestSession;
import org.gongkai.job.GongkaiJob;
import org.gongkai.job.JobConfig;
import org.gongkai.job.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against real object storage: S3Proxy on loopback, the corpus uploaded to a bucket, read through s3a
 * with a glob, the tables equal to a run from the local file system; then the warehouse on s3a too.
 */
class ObjectStorageIT {

  private static final SparkSession SPARK = SparkTestSession.get();
  private static S3Server s3;
  private static Path work;

  @BeforeAll
  static void startS3AndUpload() throws Exception {
    work = Files.createTempDirectory("gongkai-s3");
    s3 = new S3Server(work);
    try (var client = s3.client()) {
      client.createBucket(b -> b.bucket("reports"));
    }
    s3.configure(SPARK.sparkContext().hadoopConfiguration());
    FileSystem fs = FileSystem.get(java.net.URI.create("s3a://reports/"), SPARK.sparkContext().hadoopConfiguration());
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(Path.of("src/sample/corpus").toAbsolutePath()
        .toUri()), new org.apache.hadoop.fs.Path("s3a://reports/crawl/2024/"));
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  /** Every cell of every report, by file name: what must not depend on where the files were read. */
  private static List<String> cells(String warehouse) {
    return WarehouseCells.of(SPARK, warehouse);
  }

  @Test
  void readingFromS3GivesTheSameTablesAsTheLocalFileSystem(@TempDir Path tmp) {
    JobConfig local = JobConfig.defaults().withInput(Path.of("src/sample/corpus").toAbsolutePath().toString())
        .withWarehouse(tmp.resolve("local").toString());
    JobConfig remote = JobConfig.defaults().withInput("s3a://reports/crawl/**")
        .withWarehouse(tmp.resolve("from-s3").toString());

    GongkaiJob.run(SPARK, local, false);
    RunSummary run = GongkaiJob.run(SPARK, remote, false);

    assertThat(run.seen()).isEqualTo(11);
    assertThat(run.parsed()).isEqualTo(9);
    assertThat(run.quarantined()).isEqualTo(2);
    assertThat(cells(tmp.resolve("from-s3").toString())).hasSize(8 * 200 + 198)
        .isEqualTo(cells(tmp.resolve("local").toString()));
  }

  @Test
  void theWarehouseCanLiveOnS3Too(@TempDir Path tmp) {
    JobConfig local = JobConfig.defaults().withInput(Path.of("src/sample/corpus").toAbsolutePath().toString())
        .withWarehouse(tmp.resolve("local").toString());
    JobConfig onS3 = JobConfig.defaults().withInput("s3a://reports/crawl/**").withWarehouse("s3a://reports/gongkai");

    GongkaiJob.run(SPARK, local, false);
    RunSummary first = GongkaiJob.run(SPARK, onS3, false);
    RunSummary again = GongkaiJob.run(SPARK, onS3, false);

    assertThat(first.parsed()).isEqualTo(9);
    assertThat(again.skipped()).isEqualTo(11);
    assertThat(cells("s3a://reports/gongkai")).isEqualTo(cells(tmp.resolve("local").toString()));
  }
}
