package org.gongkai.generate;

import java.util.List;

/**
 * A report's content before it is laid out as a file: title, prose, headings and tables, in reading order.
 *
 * @param title        the title's lines (two when it is wrapped), empty when the report has none
 * @param pageTitle    what an HTML page's {@code <title>} says
 * @param site         the website that publishes it
 * @param contactPhone the phone number the contact sentence gives
 * @param halfWidth    text layouts print ( ) : , instead of （ ）：，in table labels
 */
record ReportDocument(Agency agency, int year, String format, List<String> title, String pageTitle, String site,
                      List<Block> blocks, String contactPhone, boolean halfWidth) {

  ReportDocument {
    title = List.copyOf(title);
    blocks = List.copyOf(blocks);
  }

  sealed interface Block permits Heading, Paragraph, Table {
  }

  /** A heading: level 1 for 一、… sections, 2 for （一）… subsections. */
  record Heading(String text, int level, String table) implements Block {
  }

  record Paragraph(String text) implements Block {
  }

  record Table(Grid grid) implements Block {
  }
}
