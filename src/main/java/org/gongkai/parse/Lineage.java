package org.gongkai.parse;

/**
 * Where a cell's value came from in the source.
 *
 * @param table       catalog table id (t2, t3, t4)
 * @param rowLabel    the row label as printed in the source, or null when the source printed none
 * @param rowBasis    "label" when the row was identified by its label, "order" when by the template's fixed row
 *                    order (the source omitted or garbled the label)
 * @param column      the column header of the standard template
 * @param columnIndex 1-based position of the column in the row
 * @param line        1-based line in the decoded source text (for HTML: the table row's position)
 * @param layout      how the table was laid out in the source (pipe, tab, plain, html)
 */
public record Lineage(String table, String rowLabel, String rowBasis, String column, int columnIndex, int line,
                      String layout) {
}
