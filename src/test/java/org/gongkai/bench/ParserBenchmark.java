package org.gongkai.bench;

import java.util.concurrent.TimeUnit;
import org.gongkai.Fixtures;
import org.gongkai.parse.Report;
import org.gongkai.parse.ReportParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reports per second per core of the parsing core, per layout: one thread, bytes in, Report out (decoding,
 * section finding, tables, metadata). Run with {@code jobs/bench.sh jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
// two forks: the JIT's choices differ from one JVM to the next. The collector the job runs with (jobs/lib.sh)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
// 24 s of warm-up: on a 2-vCPU VM the HTML layouts were still speeding up after 15 s (200 → 800 reports/s over
// the first 25 s), so a shorter warm-up measured the JIT, not the parser
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 3)
public class ParserBenchmark {

  /** One fixture per layout the parser reads. */
  @Param({
      "000_6cbbeb53464e9ccf.txt",        // pipe: one table row per line
      "001_39611b7db0bb4983.txt",        // tab: Word cells
      "002_b3fef9399b69f476.txt",        // one cell per line, labels missing
      "004_46f3e938f0b9fe4b.txt",        // PDF text, wrapped labels
      "html_2021_utf8_site.html",        // HTML with chrome, UTF-8
      "html_2019_gb18030.html"})         // HTML, GB18030, 2019 template
  public String file;

  private final ReportParser parser = new ReportParser();
  private byte[] bytes;

  @Setup
  public void load() {
    bytes = Fixtures.seed(file);
  }

  @Benchmark
  public Report parse() throws Exception {
    return parser.parse(bytes, file);
  }
}
