package org.gongkai.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gongkai.parse.DocumentLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file's keys reach the job; what a file leaves out keeps its default. */
class JobConfigTest {

  @TempDir
  Path tmp;

  @Test
  void theShippedConfigurationStatesTheDefaultDocumentLimits() throws IOException {
    JobConfig shipped = JobConfig.load(Path.of("conf/gongkai.yaml"));

    assertThat(shipped.documents()).isEqualTo(DocumentLimits.STANDARD);
    assertThat(shipped.parseTimeoutMs()).isEqualTo(30_000);
    assertThat(shipped.spark()).containsEntry("spark.databricks.delta.schema.autoMerge.enabled", "true");
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
