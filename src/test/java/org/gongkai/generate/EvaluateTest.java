package org.gongkai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gongkai.SparkTestSession;
import org.gongkai.job.EvaluateCommand;
import org.gongkai.job.GongkaiJob;
import org.gongkai.job.JobConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measuring loop of issue 5 on a small corpus: generate with injected anomalies, run the job, evaluate against
 * the ground truth. Every cell, agency and year right; every injected anomaly found by its rule, and no rule that
 * detects a type flags a clean file.
 */
class EvaluateTest {

  @TempDir
  Path tmp;

  @Test
  void theJobOnAGeneratedCorpusIsMeasuredAgainstItsGroundTruth() {
    SparkSession spark = SparkTestSession.get();
    GeneratedCorpus corpus = GeneratedCorpus.generate(tmp.resolve("corpus"), 150, 11, 0.3);
    JobConfig cfg = JobConfig.defaults().withInput(corpus.dir().resolve("files").toString())
        .withWarehouse(tmp.resolve("wh").toString());
    GongkaiJob.run(spark, cfg, false);

    EvaluateCommand.Result r = EvaluateCommand.evaluate(spark, cfg, corpus.dir().resolve("truth.jsonl").toString());

    assertThat(r.files()).isEqualTo(150);
    assertThat(r.filesParsed()).isEqualTo(150);
    assertThat(r.cellsRight()).isEqualTo(r.cells());
    assertThat(r.agencyRight()).isEqualTo(150);
    assertThat(r.yearRight()).isEqualTo(150);
    assertThat(r.regionRight()).isEqualTo(150);
    assertThat(r.recall()).isNotEmpty();
    for (Row type : r.recall()) {
      assertThat(type.getLong(2)).as("found of " + type.getString(0)).isEqualTo(type.getLong(1));
    }
    List<String> detecting = List.of("t3.identity", "t3.results_total", "t3.row_total", "t4.group_total",
        "text.table", "carry_over", "duplicate.conflicting");
    for (Row rule : r.precision()) {
      if (detecting.contains(rule.getString(0))) {
        assertThat(rule.getLong(2)).as("true flags of " + rule.getString(0)).isEqualTo(rule.getLong(1));
      }
    }
    assertThat(r.describe()).contains("recall 1.0000").doesNotContain("recall 0.");
  }

  @Test
  void aCorpusWithoutAnomaliesIsEvaluatedToo() {
    SparkSession spark = SparkTestSession.get();
    GeneratedCorpus corpus = GeneratedCorpus.generate(tmp.resolve("clean"), 40, 5, 0.0);
    assertThat(corpus.truth()).allSatisfy(t -> assertThat(t.get("anomalies")).isEmpty());
    JobConfig cfg = JobConfig.defaults().withInput(corpus.dir().resolve("files").toString())
        .withWarehouse(tmp.resolve("clean-wh").toString());
    GongkaiJob.run(spark, cfg, false);

    EvaluateCommand.Result r = EvaluateCommand.evaluate(spark, cfg, corpus.dir().resolve("truth.jsonl").toString());

    assertThat(r.files()).isEqualTo(40);
    assertThat(r.filesParsed()).isEqualTo(40);
    assertThat(r.cells()).isGreaterThan(40L * 100);
    assertThat(r.cellsRight()).isEqualTo(r.cells());
    assertThat(r.agencyRight()).isEqualTo(40);
    assertThat(r.regionRight()).isEqualTo(40);
    assertThat(r.recall()).isEmpty();
    assertThat(r.describe()).contains("cell accuracy 100.0000%");
  }
}
