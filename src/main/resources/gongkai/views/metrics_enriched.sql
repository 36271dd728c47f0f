-- metrics_enriched: each cell of the metrics table with its report's columns (agency, region, format, source
-- file, run) and the catalog's key parts, unit and labels. The metrics table holds cell-level columns only, so
-- what is the same for a report's 200 cells is stored once, in reports. ${metrics}, ${reports} and
-- ${metric_catalog} are the tables' names (gongkai sql and the notebooks fill them in).
SELECT m.report_id, r.agency, m.year, r.format, c.table_id, c.row_key, c.column_key, m.metric_key, c.unit,
       m.value, m.status, m.status = 'blank' AS is_blank, m.raw_text, m.row_label, m.row_basis, m.column_label,
       m.column_index, m.source_line, m.layout, c.label_zh, c.label_en,
       r.province, r.prefecture, r.county, r.region_code, r.level, r.category, r.scope,
       r.source_path, r.source_url, r.run_id, r.parser_version
FROM ${metrics} m
JOIN ${reports} r ON r.report_id = m.report_id AND r.year <=> m.year
LEFT JOIN ${metric_catalog} c ON c.metric_key = m.metric_key
