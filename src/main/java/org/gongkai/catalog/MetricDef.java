package org.gongkai.catalog;

import java.util.Set;

/** One cell of a standard table: the unit of everything gongkai stores, checks and sums. */
public record MetricDef(String key, String table, String row, String column, String zh, String en, String unit,
                        boolean decimal, Set<String> formats, int rowIndex, int columnIndex) {
}
