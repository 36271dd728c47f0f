package org.gongkai.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * What one generated file holds, as DIR/truth.jsonl records it: the agency and its place, the year, template
 * version, layout and encoding, every catalog cell as printed (null where printed blank; amounts in the catalog's
 * 万元 even where a report prints 元), the injected anomalies, and for a conflicting duplicate the file it
 * duplicates.
 */
record GroundTruth(String file, Agency agency, int year, FileLayout layout, Figures figures, Set<String> blank,
                   List<Anomaly> anomalies, String duplicateOf, String contactPhone, boolean titled) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);

  GroundTruth {
    blank = Set.copyOf(blank);
    anomalies = List.copyOf(anomalies);
  }

  String toJsonLine() {
    ObjectNode o = JSON.createObjectNode();
    o.put("file", file);
    o.put("agency", agency.name());
    o.put("year", year);
    o.put("format", figures.format());
    o.put("layout", layout.id());
    o.put("encoding", layout.charset().name());
    o.put("level", agency.level());
    o.put("category", agency.category().id());
    o.put("province", agency.province().name());
    o.put("prefecture", agency.prefecture() == null ? null : agency.prefecture().name());
    o.put("county", agency.county() == null ? null : agency.county().name());
    o.put("township", agency.township());
    o.put("region_code", agency.regionCode());
    o.put("contact_phone", contactPhone);
    o.put("title", titled);
    ObjectNode cells = o.putObject("cells");
    ArrayNode blanks = JSON.createArrayNode();
    figures.values().forEach((key, value) -> {
      if (blank.contains(key)) {
        cells.putNull(key);
        blanks.add(key);
      } else {
        cells.put(key, value);
      }
    });
    o.set("blank", blanks);
    ArrayNode list = o.putArray("anomalies");
    for (Anomaly a : anomalies) {
      ObjectNode n = list.addObject();
      n.put("type", a.type().id());
      ArrayNode keys = n.putArray("cells");
      a.cells().forEach(keys::add);
      n.put("detail", a.detail());
    }
    o.put("duplicate_of", duplicateOf);
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
