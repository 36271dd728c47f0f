package org.gongkai.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.gongkai.SparkTestSession;
import org.gongkai.parse.DocumentLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file's keys reach the job; what a file leaves out keeps its default. */
class JobConfigTest {

  @TempDir
  Path tmp;

  @Test
  void aFileSizeCapAFileCannotBeReadIntoIsRefused() {
    JobConfig d = JobConfig.defaults();
    assertThat(d.withLimits(JobConfig.MAX_FILE_BYTES_LIMIT, null).maxFileBytes())
        .isEqualTo(JobConfig.MAX_FILE_BYTES_LIMIT);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withLimits(Long.MAX_VALUE, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--max-file-bytes");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withLimits(0L, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theShippedConfigurationStatesTheDefaultDocumentLimits() throws IOException {
    JobConfig shipped = JobConfig.load(Path.of("conf/gongkai.yaml"));

    assertThat(shipped.documents()).isEqualTo(DocumentLimits.STANDARD);
    assertThat(shipped.parseTimeoutMs()).isEqualTo(30_000);
    assertThat(shipped.spark()).containsEntry("spark.databricks.delta.schema.autoMerge.enabled", "true");
  }

  @Test
  void aSettingGivenToSparkSubmitWinsOverTheFile() throws IOException {
    String writers = "spark.sql.maxConcurrentOutputFileWriters";
    String partitions = "spark.sql.shuffle.partitions";
    assertThat(JobConfig.defaults().spark()).containsEntry(writers, "8");
    Path file = tmp.resolve("gongkai.yaml");
    Files.writeString(file, "spark:\n  " + writers + ": \"5\"\n  " + partitions + ": \"3\"\n");
    SparkSession session = SparkTestSession.get();
    String writersBefore = session.conf().get(writers);
    String partitionsBefore = session.conf().get(partitions);
    // spark-submit hands its --conf settings to the driver as system properties
    System.setProperty(writers, "2");
    session.conf().set(writers, "2");
    try {
      JobConfig.load(file).applyTo(session);

      assertThat(session.conf().get(writers)).isEqualTo("2");
      assertThat(session.conf().get(partitions)).isEqualTo("3");
    } finally {
      System.clearProperty(writers);
      session.conf().set(writers, writersBefore);
      session.conf().set(partitions, partitionsBefore);
    }
  }

  @Test
  void aDocumentLimitSetInTheFileOverridesOnlyItself() throws IOException {
    Path file = tmp.resolve("gongkai.yaml");
    Files.writeString(file, "limits:\n  documents:\n    maxPages: 3\n    minInflateRatio: 0.05\n");

    DocumentLimits limits = JobConfig.load(file).documents();

    assertThat(limits.maxPages()).isEqualTo(3);
    assertThat(limits.minInflateRatio()).isEqualTo(0.05);
    assertThat(limits.maxUnpackedBytes()).isEqualTo(DocumentLimits.STANDARD.maxUnpackedBytes());
    assertThat(limits.maxMemoryBytes()).isEqualTo(DocumentLimits.STANDARD.maxMemoryBytes());
  }
}
