package org.gongkai.store;

import java.time.Duration;

/**
 * Another run holds the warehouse: this one does not start. The message names the holder and what to do. Unchecked,
 * like the other reasons a run stops before it writes (bad options, a missing input): the command line turns it
 * into one line and exit status 3.
 */
public final class WarehouseBusyException extends RuntimeException {

  private final RunRecord holder;

  public WarehouseBusyException(RunRecord holder, Duration staleAfter) {
    super("the warehouse is in use by run " + holder.runId() + " (gongkai " + holder.command() + " on "
        + holder.host() + ", pid " + holder.pid() + ", started " + holder.startedAt() + ", last heartbeat "
        + holder.heartbeatAt() + "): wait for it to finish and run again; a run whose process is gone is taken "
        + "over at once from the same machine, from another after " + staleAfter.toMinutes()
        + " min without a heartbeat (lease.staleAfterMinutes)");
    this.holder = holder;
  }

  public RunRecord holder() {
    return holder;
  }
}
