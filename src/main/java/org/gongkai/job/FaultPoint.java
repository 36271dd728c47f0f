package org.gongkai.job;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named moments of a run where a test stops it, to kill the JVM there (kill -9) or to start a second run beside
 * it: with {@code -Dgongkai.pauseAt=NAME[,NAME…]} the run prints {@code gongkai: paused at NAME} on standard error
 * and waits there, until the file named by {@code -Dgongkai.resumeFile} exists when that is set, for ever
 * otherwise. Without the property a point costs one property lookup. The points: {@code claimed} (the warehouse
 * is leased, nothing read), {@code after-metrics}, {@code after-files}, {@code during-rollups} (agency_year
 * written, rollup not); of {@code gongkai migrate}: {@code migrate-before-rewrite} (old keys stored twice removed,
 * the metrics table's new properties set), {@code migrate-after-rewrite} (metrics rewritten, nothing after).
 */
public final class FaultPoint {

  private FaultPoint() {
  }

  public static void reach(String name) {
    String points = System.getProperty("gongkai.pauseAt");
    if (points == null || !java.util.Arrays.asList(points.split(",")).contains(name)) {
      return;
    }
    System.err.println("gongkai: paused at " + name);
    System.err.flush();
    String resume = System.getProperty("gongkai.resumeFile");
    try {
      while (resume == null || !Files.exists(Path.of(resume))) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.err.println("gongkai: resumed at " + name);
  }
}
