package org.gongkai.catalog;

/** One column of a standard table row, as the catalog declares it. */
public record ColumnSpec(String key, String zh, String en, String unit, boolean decimal) {
}
