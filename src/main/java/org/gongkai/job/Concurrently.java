package org.gongkai.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent driver-side steps (each a string of Spark jobs) on threads of their own. Spark schedules the jobs of
 * several threads of one session side by side; a step alone leaves the cores idle between its small jobs.
 */
final class Concurrently {

  private Concurrently() {
  }

  /**
   * Runs every step and returns once all have ended. A failure does not stop the other steps (each is a keyed
   * write that a rerun repeats safely); the first failure (in the order of the steps) is thrown after all ended,
   * unchanged, the others suppressed in it.
   */
  static void run(Runnable... steps) {
    ExecutorService pool = Executors.newFixedThreadPool(steps.length, r -> {
      Thread t = new Thread(r, "gongkai-step");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Runnable step : steps) {
        running.add(pool.submit(step));
      }
      Throwable failure = null;
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running.forEach(r -> r.cancel(true));
          throw new IllegalStateException("interrupted while waiting for the steps", e);
        }
      }
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      if (failure instanceof Error err) {
        throw err;
      }
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
