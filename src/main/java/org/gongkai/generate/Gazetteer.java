package org.gongkai.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Real places (gongkai/generate/places.yaml): provinces, prefectures and counties with their codes. */
final class Gazetteer {

  /** A provincial-level division; the four municipalities have districts but no prefectures. */
  record Province(String name, String code, String abbr, String areaCode, boolean municipality) {
  }

  record Prefecture(String name, String code, Province province, String areaCode) {
  }

  /**
   * A county-level division; {@code prefecture} is null for districts of a municipality.
   *
   * @param kind      district (区), city (县级市) or county (县)
   * @param shortName the name without its suffix (路桥区 → 路桥), as 分局 names print it
   */
  record County(String name, String code, Province province, Prefecture prefecture, String kind, String shortName) {

    /** The city it belongs to: its prefecture, or the municipality. */
    String city() {
      return prefecture != null ? prefecture.name() : province.name();
    }

    String areaCode() {
      return prefecture != null ? prefecture.areaCode() : province.areaCode();
    }

    boolean isDistrict() {
      return "district".equals(kind);
    }
  }

  private final List<Province> provinces;
  private final List<Prefecture> prefectures;
  private final List<County> counties;
  private final Map<String, Integer> countyNameCounts;

  private Gazetteer(List<Province> provinces, List<Prefecture> prefectures, List<County> counties) {
    this.provinces = List.copyOf(provinces);
    this.prefectures = List.copyOf(prefectures);
    this.counties = List.copyOf(counties);
    Map<String, Integer> counts = new HashMap<>();
    counties.forEach(c -> counts.merge(c.name(), 1, Integer::sum));
    this.countyNameCounts = Map.copyOf(counts);
  }

  static Gazetteer load(Settings places) {
    Map<String, Province> provinces = new LinkedHashMap<>();
    for (JsonNode p : places.node("provinces")) {
      provinces.put(p.get("name").asText(), new Province(p.get("name").asText(), p.get("code").asText(),
          p.get("abbr").asText(), p.get("areaCode").asText(), p.path("municipality").asBoolean(false)));
    }
    Map<String, Prefecture> prefectures = new LinkedHashMap<>();
    for (JsonNode p : places.node("prefectures")) {
      Province province = required(provinces, p.get("province").asText(), "province");
      prefectures.put(p.get("name").asText(), new Prefecture(p.get("name").asText(), p.get("code").asText(),
          province, p.get("areaCode").asText()));
    }
    Map<String, String> kinds = places.texts("countyKinds");
    String suffix = places.text("countySuffix");
    String ethnic = places.text("ethnicMarker");
    List<County> counties = new ArrayList<>();
    for (JsonNode c : places.node("counties")) {
      Prefecture prefecture = c.has("prefecture") ? required(prefectures, c.get("prefecture").asText(), "prefecture")
          : null;
      Province province = prefecture != null ? prefecture.province()
          : required(provinces, c.get("province").asText(), "province");
      String name = c.get("name").asText();
      String kind = kinds.getOrDefault(name.substring(name.length() - 1), "county");
      String shortName = name.replaceFirst(suffix, "");
      if (shortName.contains(ethnic)) {
        shortName = shortName.substring(0, 2);
      }
      counties.add(new County(name, c.get("code").asText(), province, prefecture, kind,
          shortName.length() >= 2 ? shortName : name));
    }
    return new Gazetteer(new ArrayList<>(provinces.values()), new ArrayList<>(prefectures.values()), counties);
  }

  private static <T> T required(Map<String, T> map, String name, String what) {
    T value = map.get(name);
    if (value == null) {
      throw new IllegalStateException("places.yaml: unknown " + what + " " + name);
    }
    return value;
  }

  List<Province> provinces() {
    return provinces;
  }

  List<Prefecture> prefectures() {
    return prefectures;
  }

  List<County> counties() {
    return counties;
  }

  /** True when more than one county of the gazetteer has this name (新华区, 鼓楼区): print it with its city. */
  boolean ambiguous(County county) {
    return countyNameCounts.getOrDefault(county.name(), 0) > 1;
  }
}
