package org.gongkai.parse;

/**
 * The file cannot be read as a report at all (empty, binary, no standard tables). Carries a plain reason, and the
 * charset its bytes were decoded with when it got that far (null otherwise).
 */
public class UnreadableReportException extends Exception {

  private final String reason;
  private final String encoding;

  public UnreadableReportException(String reason) {
    this(reason, null);
  }

  public UnreadableReportException(String reason, String encoding) {
    super(reason);
    this.reason = reason;
    this.encoding = encoding;
  }

  public String reason() {
    return reason;
  }

  /** The charset the text was decoded with, or null (a binary format, or not decoded). */
  public String encoding() {
    return encoding;
  }

  /** This reason with the charset the text was decoded with (kept when already known). */
  public UnreadableReportException withEncoding(String charset) {
    if (encoding != null || charset == null) {
      return this;
    }
    UnreadableReportException e = new UnreadableReportException(reason, charset);
    e.setStackTrace(getStackTrace());
    return e;
  }
}
