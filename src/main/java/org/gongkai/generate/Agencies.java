package org.gongkai.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.gongkai.generate.Gazetteer.County;
import org.gongkai.generate.Gazetteer.Prefecture;
import org.gongkai.generate.Gazetteer.Province;

/**
 * Draws agencies over real places (agencies.yaml, places.yaml): provincial departments, prefecture and county
 * bureaus, township governments and sub-district offices, each name unique in a corpus.
 */
final class Agencies {

  private static final int TRIES = 40;
  private static final double PREFIXED_COUNTY = 0.25;

  private final Gazetteer places;
  private final Map<String, Double> levelWeights;
  private final Map<String, Double> levelMu;
  private final List<Category> categories;
  private final Category township;
  private final Settings data;
  private final List<String[]> selfReferences;

  Agencies(Gazetteer places, Settings agencies) {
    this.places = places;
    this.data = agencies;
    Map<String, Double> weights = new LinkedHashMap<>();
    Map<String, Double> mu = new LinkedHashMap<>();
    agencies.node("levels").fields().forEachRemaining(e -> {
      weights.put(e.getKey(), e.getValue().get("weight").asDouble());
      mu.put(e.getKey(), e.getValue().get("mu").asDouble());
    });
    this.levelWeights = weights;
    this.levelMu = mu;
    List<Category> cats = new ArrayList<>();
    for (JsonNode c : agencies.node("categories")) {
      Map<String, String> names = new LinkedHashMap<>();
      c.get("names").fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
      cats.add(new Category(c.get("id").asText(), names, c.has("district") ? c.get("district").asText() : null,
          c.get("weight").asDouble(), c.get("mu").asDouble(), activity(c.get("t2"))));
    }
    this.categories = List.copyOf(cats);
    JsonNode t = agencies.node("township");
    this.township = new Category(t.get("category").asText(), Map.of(), null, 1, t.get("mu").asDouble(),
        activity(t.get("t2")));
    List<String[]> refs = new ArrayList<>();
    agencies.node("selfReferences").forEach(n -> refs.add(new String[] {n.get(0).asText(), n.get(1).asText()}));
    this.selfReferences = List.copyOf(refs);
  }

  private static Category.Activity activity(JsonNode t2) {
    return new Category.Activity(t2.path("regulations").asDouble(0), t2.path("normative").asDouble(0),
        rate(t2.get("licensing")), rate(t2.get("penalty")), rate(t2.get("coercion")), rate(t2.get("fees")));
  }

  private static Category.Rate rate(JsonNode pair) {
    return pair == null ? new Category.Rate(0, 0) : new Category.Rate(pair.get(0).asDouble(), pair.get(1).asDouble());
  }

  /** The log of the typical yearly number of applications at a level. */
  double levelMu(String level) {
    return levelMu.get(level);
  }

  /** A new agency whose name is not in {@code taken} (and is added to it). */
  Agency draw(SplittableRandom r, int index, Set<String> taken) {
    String level = Draws.weighted(r, levelWeights);
    for (int i = 0; i < TRIES && !Agency.TOWNSHIP.equals(level); i++) {
      Agency a = switch (level) {
        case Agency.PROVINCE -> provincial(r, index);
        case Agency.PREFECTURE -> prefectural(r, index);
        default -> countyLevel(r, index);
      };
      if (a != null && taken.add(a.name())) {
        return a;
      }
    }
    while (true) { // townships never run out of names
      Agency a = townshipLevel(r, index);
      if (taken.add(a.name())) {
        return a;
      }
    }
  }

  private Agency provincial(SplittableRandom r, int index) {
    Province p = Draws.pick(r, places.provinces());
    Category c = category(r, Agency.PROVINCE);
    String dept = c.names().get(Agency.PROVINCE);
    if (p.municipality()) {
      // 北京市教育委员会, 北京市民政局: a municipality's departments are named like a city's
      dept = c.names().getOrDefault("municipality", c.names().getOrDefault(Agency.PREFECTURE, dept));
    }
    return agency(index, p.name() + dept, Agency.PROVINCE, c, p, null, null, null, p.code(), p.areaCode(),
        p.name());
  }

  private Agency prefectural(SplittableRandom r, int index) {
    Prefecture p = Draws.pick(r, places.prefectures());
    Category c = category(r, Agency.PREFECTURE);
    return agency(index, p.name() + c.names().get(Agency.PREFECTURE), Agency.PREFECTURE, c, p.province(), p, null,
        null, p.code(), p.areaCode(), p.name());
  }

  private Agency countyLevel(SplittableRandom r, int index) {
    County county = Draws.pick(r, places.counties());
    Category c = category(r, Agency.COUNTY);
    String place = countyPlace(r, county);
    String template = county.isDistrict() && c.district() != null ? c.district() : c.names().get(Agency.COUNTY);
    String name = template.contains("{")
        ? template.replace("{city}", county.city()).replace("{county}", county.name())
            .replace("{short}", county.shortName())
        : place + template;
    return agency(index, name, Agency.COUNTY, c, county.province(), county.prefecture(), county, null, county.code(),
        county.areaCode(), place);
  }

  private Agency townshipLevel(SplittableRandom r, int index) {
    County county = Draws.pick(r, places.counties());
    String suffix = Draws.weighted(r, data.weights("township.suffixes." + county.kind()));
    String town = Draws.pick(r, data.strings("township.first")) + Draws.pick(r, data.strings("township.second"))
        + suffix;
    String countyPlace = countyPlace(r, county);
    String place = countyPlace + town;
    String name = place + data.text("township.names." + suffix);
    return new Agency(index, name, Agency.TOWNSHIP, township, county.province(), county.prefecture(), county, town,
        county.code(), county.areaCode(), place, countyPlace + data.text("government"),
        data.text("township.self." + suffix));
  }

  /**
   * How a county is named in an agency's name: with its city sometimes, and mostly when the name alone is
   * ambiguous (the rest are placed by their phone's area code).
   */
  private String countyPlace(SplittableRandom r, County county) {
    boolean ambiguous = places.ambiguous(county);
    boolean prefixed = county.prefecture() == null || (ambiguous && r.nextDouble() >= data.number("ambiguousBare"))
        || (!ambiguous && r.nextDouble() < PREFIXED_COUNTY);
    return prefixed ? county.city() + county.name() : county.name();
  }

  private Category category(SplittableRandom r, String level) {
    List<Category> here = categories.stream().filter(c -> c.names().containsKey(level)).toList();
    double[] w = here.stream().mapToDouble(Category::weight).toArray();
    return here.get(Draws.weighted(r, w));
  }

  private Agency agency(int index, String name, String level, Category c, Province province, Prefecture prefecture,
                        County county, String township, String code, String areaCode, String place) {
    return new Agency(index, name, level, c, province, prefecture, county, township, code, areaCode, place,
        place + data.text("government"), self(name, place));
  }

  private String self(String name, String place) {
    for (String[] ref : selfReferences) {
      if (name.endsWith(ref[0])) {
        return ref[1].replace("{last}", place.substring(place.length() - 1));
      }
    }
    return data.text("selfFallback");
  }
}
