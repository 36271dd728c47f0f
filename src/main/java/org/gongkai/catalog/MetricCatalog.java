package org.gongkai.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The metric catalog, loaded once per JVM from {@code gongkai/metrics.yaml} and shared (immutable) by every
 * parse: tables, rows, columns, template versions and the metric keys they define.
 */
public final class MetricCatalog {

  public static final String RESOURCE = "gongkai/metrics.yaml";

  private static final class Holder {
    static final MetricCatalog INSTANCE = load();
  }

  private final List<FormatVersion> formats;
  private final List<TableSpec> tables;
  private final List<String> sectionEnds;
  private final Map<String, List<MetricDef>> metricsByFormat;
  private final Map<String, MetricDef> byKey;

  private MetricCatalog(List<FormatVersion> formats, List<TableSpec> tables, List<String> sectionEnds) {
    this.formats = List.copyOf(formats);
    this.tables = List.copyOf(tables);
    this.sectionEnds = List.copyOf(sectionEnds);
    Map<String, List<MetricDef>> byFormat = new LinkedHashMap<>();
    for (FormatVersion f : formats) {
      List<MetricDef> defs = new ArrayList<>();
      for (TableSpec t : tables) {
        List<RowSpec> rows = t.rows(f.id());
        for (int r = 0; r < rows.size(); r++) {
          RowSpec row = rows.get(r);
          for (int c = 0; c < row.columns().size(); c++) {
            ColumnSpec col = row.columns().get(c);
            defs.add(new MetricDef(row.metricKey(col), t.id(), row.key(), col.key(), row.zh() + " / " + col.zh(),
                row.en() + " / " + col.en(), col.unit(), col.decimal(), row.formats(), r, c));
          }
        }
      }
      byFormat.put(f.id(), List.copyOf(defs));
    }
    this.metricsByFormat = Map.copyOf(byFormat);
    Map<String, MetricDef> keys = new LinkedHashMap<>();
    byFormat.values().forEach(defs -> defs.forEach(d -> keys.putIfAbsent(d.key(), d)));
    this.byKey = Map.copyOf(keys);
  }

  /** The catalog bundled with gongkai. */
  public static MetricCatalog standard() {
    return Holder.INSTANCE;
  }

  public List<FormatVersion> formats() {
    return formats;
  }

  public FormatVersion format(String id) {
    return formats.stream().filter(f -> f.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown template version: " + id));
  }

  public List<TableSpec> tables() {
    return tables;
  }

  public List<String> sectionEnds() {
    return sectionEnds;
  }

  /** Every metric of a template version, in table, row and column order. */
  public List<MetricDef> metrics(String format) {
    List<MetricDef> defs = metricsByFormat.get(format);
    if (defs == null) {
      throw new IllegalArgumentException("unknown template version: " + format);
    }
    return defs;
  }

  /** Every metric key of every version, each once. */
  public Set<String> allKeys() {
    return byKey.keySet();
  }

  /** A metric by key (table, row, column and unit are the same in every version that has it). */
  public MetricDef metric(String key) {
    MetricDef def = byKey.get(key);
    if (def == null) {
      throw new IllegalArgumentException("no metric " + key + " in the catalog");
    }
    return def;
  }

  static MetricCatalog load() {
    try (InputStream in = MetricCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("metric catalog resource missing: " + RESOURCE);
      }
      return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read metric catalog " + RESOURCE, e);
    }
  }

  private static MetricCatalog parse(JsonNode root) {
    List<FormatVersion> formats = new ArrayList<>();
    for (JsonNode f : root.path("formats")) {
      formats.add(new FormatVersion(text(f, "id"), text(f, "zh"), text(f, "en"),
          Pattern.compile(text(f, "citation")), f.path("firstYear").asInt(), List.copyOf(strings(f.path("shape")))));
    }
    Set<String> allFormats = new LinkedHashSet<>();
    formats.forEach(f -> allFormats.add(f.id()));

    Map<String, List<ColumnSpec>> columnSets = new LinkedHashMap<>();
    root.path("columnSets").fields().forEachRemaining(e -> {
      List<ColumnSpec> cols = new ArrayList<>();
      for (JsonNode c : e.getValue()) {
        cols.add(new ColumnSpec(text(c, "key"), text(c, "zh"), text(c, "en"),
            c.path("unit").asText("件"), c.path("decimal").asBoolean(false)));
      }
      columnSets.put(e.getKey(), List.copyOf(cols));
    });

    List<TableSpec> tables = new ArrayList<>();
    for (JsonNode t : root.path("tables")) {
      String tableId = text(t, "id");
      List<RowSpec> rows = new ArrayList<>();
      for (JsonNode r : t.path("rows")) {
        List<ColumnSpec> cols = columnSets.get(text(r, "columns"));
        if (cols == null) {
          throw new IllegalStateException("row " + tableId + "." + text(r, "key") + " names unknown column set "
              + text(r, "columns"));
        }
        Set<String> rowFormats = r.has("formats") ? strings(r.path("formats")) : allFormats;
        rows.add(new RowSpec(tableId, text(r, "key"), text(r, "zh"), text(r, "en"),
            List.copyOf(strings(r.path("match"))), rowFormats, cols));
      }
      tables.add(new TableSpec(tableId, t.path("number").asInt(), text(t, "zh"), text(t, "en"),
          List.copyOf(strings(t.path("headings"))), rows));
    }
    return new MetricCatalog(formats, tables, List.copyOf(strings(root.path("sectionEnds"))));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return Objects.requireNonNull(v, () -> "catalog entry lacks '" + field + "': " + node).asText();
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new LinkedHashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
