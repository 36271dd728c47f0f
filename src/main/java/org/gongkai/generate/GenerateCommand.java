package org.gongkai.generate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gongkai generate}: a synthetic corpus of annual reports with its ground truth. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate realistic annual reports (政府信息公开工作年度报告) in every crawler layout, with ground truth.",
        "Writes DIR/files/NNN/rNNNNNN.txt|html|pdf and DIR/truth.jsonl (one JSON object per file: agency, year, "
            + "template version, layout, every cell as printed, injected anomalies). Same seed, same bytes."})
public final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--reports", required = true, paramLabel = "N", description = "number of files to write")
  int reports;

  @Option(names = "--years", defaultValue = "2019-2025", paramLabel = "FROM-TO",
      description = "report years, e.g. 2019-2025 (default) or 2024")
  String years;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
  Path out;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "random seed (default 1)")
  long seed;

  @Option(names = "--anomaly-rate", defaultValue = "0.05", paramLabel = "R",
      description = "share of reports with an injected inconsistency, 0 to 1 (default 0.05)")
  double anomalyRate;

  @Option(names = "--layouts", split = ",", paramLabel = "LAYOUT=W",
      description = "file layouts and their weights instead of corpus.yaml's mix, e.g. pdf-boxed=1,pdf-ruled=1; "
          + "layouts: pipe, tab, cells, pdf, html-utf8, html-gb18030, pdf-ruled, pdf-boxed, pdf-clipped")
  Map<String, Double> layoutWeights;

  @Option(names = "--force", description = "write into DIR even when it already holds a corpus")
  boolean force;

  @Spec
  CommandSpec spec;

  private final PrintStream stdout;

  public GenerateCommand() {
    this(new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }

  GenerateCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  @Override
  public Integer call() throws IOException {
    if (reports < 1) {
      throw new ParameterException(spec.commandLine(), "--reports must be at least 1");
    }
    if (!(anomalyRate >= 0 && anomalyRate <= 1)) {
      throw new ParameterException(spec.commandLine(), "--anomaly-rate must be between 0 and 1");
    }
    try {
      YearRange.parse(years);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--years: " + e.getMessage());
    }
    if (layoutWeights != null) {
      for (Map.Entry<String, Double> e : layoutWeights.entrySet()) {
        try {
          FileLayout.of(e.getKey());
        } catch (IllegalArgumentException unknown) {
          throw new ParameterException(spec.commandLine(), "--layouts: " + unknown.getMessage());
        }
        if (!(e.getValue() >= 0)) {
          throw new ParameterException(spec.commandLine(), "--layouts: the weight of " + e.getKey()
              + " must be 0 or more");
        }
      }
      if (layoutWeights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
        throw new ParameterException(spec.commandLine(), "--layouts: at least one weight must be above 0");
      }
    }
    if (!force && (Files.exists(out.resolve("truth.jsonl")) || nonEmpty(out.resolve("files")))) {
      throw new ParameterException(spec.commandLine(), out + " already holds a corpus (truth.jsonl or files/); "
          + "choose a new folder or pass --force to write over it");
    }
    CorpusGenerator.Summary s = new CorpusGenerator()
        .generate(new CorpusGenerator.Options(reports, years, out, seed, anomalyRate,
            layoutWeights == null ? null : new java.util.LinkedHashMap<>(layoutWeights)));
    String layouts = s.layouts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    stdout.printf(Locale.ROOT, "gongkai generate: %d reports of %d agencies (%s, seed %d) in %s/files in %.1f s "
            + "[%s]; %d with injected anomalies; ground truth %s%n", s.files(), s.agencies(), years, seed, out,
        s.millis() / 1000.0, layouts, s.anomalous(), s.truth());
    return 0;
  }

  private static boolean nonEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    }
  }
}
