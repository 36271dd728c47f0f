package org.gongkai.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gongkai.check.Anomaly;
import org.gongkai.parse.Cell;
import org.gongkai.parse.Lineage;
import org.gongkai.parse.Report;
import org.gongkai.region.Region;

/**
 * The JSON Lines contract of {@code gongkai parse}: source, agency, year, format, region, metrics (every catalog
 * key of the report's version, null when blank or not found), warnings. Further fields may be added; none of
 * these may change.
 */
public final class ReportJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReportJson() {
  }

  public static ObjectNode toJson(Report report, boolean withLineage) {
    return toJson(report, List.of(), withLineage);
  }

  /** The report's line, with the anomalies the report rules found in it. */
  public static ObjectNode toJson(Report report, List<Anomaly> anomalies, boolean withLineage) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("source", report.source());
    o.put("agency", report.agency());
    if (report.year() == null) {
      o.putNull("year");
    } else {
      o.put("year", report.year());
    }
    o.put("format", report.format());
    Region r = report.region();
    ObjectNode region = o.putObject("region");
    region.put("province", r.province());
    region.put("prefecture", r.prefecture());
    region.put("county", r.county());
    region.put("code", r.code());
    region.put("province_code", r.provinceCode());
    region.put("prefecture_code", r.prefectureCode());
    region.put("county_code", r.countyCode());
    region.put("resolved_by", r.resolvedBy());
    ArrayNode candidates = region.putArray("candidates");
    r.candidates().forEach(candidates::add);
    o.put("level", report.level());
    o.put("category", report.category());
    o.put("scope", report.scope());
    ObjectNode metrics = o.putObject("metrics");
    ArrayNode blank = MAPPER.createArrayNode();
    ArrayNode missing = MAPPER.createArrayNode();
    ArrayNode invalid = MAPPER.createArrayNode();
    for (Cell c : report.cells()) {
      if (c.value() == null) {
        metrics.putNull(c.key());
      } else {
        metrics.put(c.key(), c.value());
      }
      if (c.isBlank()) {
        blank.add(c.key());
      } else if (c.isMissing()) {
        missing.add(c.key());
      } else if (c.status() == Cell.Status.INVALID) {
        invalid.add(c.key());
      }
    }
    ArrayNode warnings = o.putArray("warnings");
    report.warnings().forEach(warnings::add);
    ArrayNode found = o.putArray("anomalies");
    for (Anomaly a : anomalies) {
      ObjectNode n = found.addObject();
      n.put("rule", a.ruleId());
      n.put("severity", a.severity());
      n.put("expected", a.expected());
      n.put("actual", a.actual());
      n.put("difference", a.difference());
      ArrayNode cells = n.putArray("cells");
      a.cells().forEach(c -> cells.add(c.key()));
      n.put("message_zh", a.messageZh());
      n.put("message_en", a.messageEn());
    }
    o.set("blank", blank);
    o.set("missing", missing);
    o.set("invalid", invalid);
    o.put("format_basis", report.formatBasis());
    o.put("agency_basis", report.agencyBasis());
    o.put("year_basis", report.yearBasis());
    o.put("title", report.title());
    o.put("contact_phone", report.contactPhone());
    o.put("encoding", report.encoding());
    o.put("layout", report.layout());
    if (withLineage) {
      ObjectNode lineage = o.putObject("lineage");
      for (Cell c : report.cells()) {
        Lineage l = c.lineage();
        if (l == null) {
          continue;
        }
        ObjectNode n = lineage.putObject(c.key());
        n.put("table", l.table());
        n.put("row_label", l.rowLabel());
        n.put("row_basis", l.rowBasis());
        n.put("column", l.column());
        n.put("column_index", l.columnIndex());
        n.put("line", l.line());
        n.put("raw", c.raw());
      }
    }
    return o;
  }

  public static ObjectNode error(String source, String reason, String exceptionClass) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("source", source);
    o.put("error", reason);
    if (exceptionClass != null) {
      o.put("exception", exceptionClass);
    }
    return o;
  }

  public static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
