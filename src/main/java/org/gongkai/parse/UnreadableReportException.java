package org.gongkai.parse;

/** The file cannot be read as a report at all (empty, binary, no standard tables). Carries a plain reason. */
public class UnreadableReportException extends Exception {

  private final String reason;

  public UnreadableReportException(String reason) {
    super(reason);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
