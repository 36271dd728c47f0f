package org.gongkai.job;

import java.sql.Timestamp;
import java.util.List;

/**
 * What one run did, in numbers and in plain words. {@code files seen = parsed + quarantined + skipped} must hold:
 * a file is never lost. {@code checkedYears}: the years whose cross-report checks and gold tables the run
 * recomputed (null: every year; empty: none, nothing new).
 */
public record RunSummary(String runId, Timestamp startedAt, Timestamp endedAt, String input, String warehouse,
                         boolean reprocess, long seen, long parsed, long quarantined, long skipped,
                         List<String> quarantineSample, String parserVersion, List<LayoutQuality> quality,
                         java.util.Set<Integer> checkedYears) {

  /**
   * How well one layout's files of this run were read, without ground truth: the share of the template's cells
   * found (a value, a blank or an invalid number, not missing) and how many files have a template row not found.
   * A layout the parser misses in a real crawl shows here as a low share.
   */
  public record LayoutQuality(String layout, long files, long cellsFound, long cells, long filesWithRowsMissing) {

    public double foundShare() {
      return cells == 0 ? 0 : (double) cellsFound / cells;
    }
  }

  public RunSummary {
    quarantineSample = List.copyOf(quarantineSample);
    quality = List.copyOf(quality);
    checkedYears = checkedYears == null ? null : java.util.Set.copyOf(checkedYears);
  }

  public boolean accountedFor() {
    return seen == parsed + quarantined + skipped;
  }

  public String status() {
    return accountedFor() ? "succeeded" : "failed: files seen != parsed + quarantined + skipped";
  }

  /** The summary printed at the end of a run. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    double seconds = (endedAt.getTime() - startedAt.getTime()) / 1000.0;
    sb.append(String.format("gongkai run %s %s in %.1f s (%s)%n", runId, accountedFor() ? "finished" : "FAILED",
        seconds, parserVersion));
    sb.append(String.format("  input      %s%n", input));
    sb.append(String.format("  warehouse  %s%n", warehouse));
    sb.append(String.format("  %d files seen: %d parsed, %d quarantined, %d skipped as already ingested%s%n",
        seen, parsed, quarantined, skipped, reprocess ? " (--reprocess: every file parsed again)" : ""));
    if (!accountedFor()) {
      sb.append(String.format("  %d files are not accounted for: the run is marked failed%n",
          seen - parsed - quarantined - skipped));
    }
    sb.append(String.format("  checks and rollups recomputed for %s%n", checkedYears == null ? "every year"
        : checkedYears.isEmpty() ? "no year (nothing new)" : "years " + new java.util.TreeSet<>(checkedYears)));
    if (!quality.isEmpty()) {
      sb.append("  parse quality by layout (cells of the template found; files with a row not found):\n");
      quality.forEach(q -> sb.append(String.format(java.util.Locale.ROOT, "    %-14s %7d files  %8.4f%%  %d%n",
          q.layout(), q.files(), 100 * q.foundShare(), q.filesWithRowsMissing())));
    }
    if (!quarantineSample.isEmpty()) {
      sb.append("  quarantined (see the quarantine table for all):\n");
      quarantineSample.forEach(q -> sb.append("    ").append(q).append('\n'));
    }
    return sb.toString();
  }
}
