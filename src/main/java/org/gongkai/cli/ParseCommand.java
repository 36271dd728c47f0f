package org.gongkai.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gongkai.check.CheckEngine;
import org.gongkai.parse.Report;
import org.gongkai.parse.ReportParser;
import org.gongkai.parse.UnreadableReportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gongkai parse FILE...}: one JSON object per file on stdout; exit 1 when any file failed. */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = "Parse report files and print one JSON object per file (JSON Lines) on stdout.")
public final class ParseCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "report files (text, HTML)")
  List<Path> files;

  @Option(names = "--lineage", description = "include where each cell was read in the source")
  boolean lineage;

  private final PrintStream out;

  public ParseCommand() {
    this(new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }

  ParseCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    ReportParser parser = new ReportParser();
    CheckEngine checks = CheckEngine.standard();
    boolean failed = false;
    for (Path file : files) {
      String source = file.toString();
      try {
        Report report = parser.parse(Files.readAllBytes(file), source);
        out.println(ReportJson.write(ReportJson.toJson(report, checks.check(report), lineage)));
      } catch (UnreadableReportException e) {
        failed = true;
        out.println(ReportJson.write(ReportJson.error(source, e.reason(), null)));
      } catch (IOException e) {
        failed = true;
        out.println(ReportJson.write(ReportJson.error(source, "cannot read file: " + e.getMessage(),
            e.getClass().getName())));
      } catch (RuntimeException e) {
        // a parser bug must not stop the other files; the line names it so it can be reported
        failed = true;
        out.println(ReportJson.write(ReportJson.error(source, "internal parser error: " + e,
            e.getClass().getName())));
      }
    }
    return failed ? 1 : 0;
  }
}
