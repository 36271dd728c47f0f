package org.gongkai.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ConcurrentModificationException;
import org.apache.spark.sql.AnalysisException;
import org.gongkai.store.WarehouseBusyException;

/**
 * Errors as users read them: one line saying what went wrong and what to do. The stack trace is for the log
 * ({@code org.gongkai.errors}) and for {@code --verbose}.
 */
public final class UserErrors {

  private static final int LONGEST = 400;

  private UserErrors() {
  }

  /** The exit status of a command that failed with {@code e}: 2 for what the user gave, 3 when busy, else 1. */
  public static int exitCode(Throwable e) {
    if (e instanceof WarehouseBusyException) {
      return 3;
    }
    return e instanceof IllegalArgumentException ? 2 : 1;
  }

  /** One line: what went wrong, and what to do about it. */
  public static String message(Throwable e) {
    if (e instanceof WarehouseBusyException || e instanceof IllegalArgumentException) {
      return firstLine(e.getMessage());
    }
    ConcurrentModificationException conflict = cause(e, ConcurrentModificationException.class);
    if (conflict != null) {
      return "another process wrote a table of the warehouse at the same moment (" + firstLine(conflict.getMessage())
          + "): gongkai writes under a lease, so the other writer is an older gongkai or another tool; let it "
          + "finish and run again";
    }
    AnalysisException analysis = cause(e, AnalysisException.class);
    if (analysis != null) {
      return "SQL: " + firstLine(analysis.getMessage());
    }
    IOException io = cause(e, IOException.class);
    if (io != null || e instanceof UncheckedIOException) {
      Throwable shown = io != null ? io : e;
      return "cannot read or write " + firstLine(shown.getMessage()) + " (" + shown.getClass().getSimpleName()
          + "): check the path, its permissions and free space, then run again";
    }
    if (e instanceof IllegalStateException) {
      return firstLine(e.getMessage());
    }
    return "internal error: " + e.getClass().getName() + ": " + firstLine(e.getMessage())
        + " (a defect of gongkai: --verbose prints the stack trace for a report)";
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    String line = message.strip();
    int end = line.indexOf('\n');
    if (end >= 0) {
      line = line.substring(0, end).strip();
    }
    return line.length() <= LONGEST ? line : line.substring(0, LONGEST) + "…";
  }
}
