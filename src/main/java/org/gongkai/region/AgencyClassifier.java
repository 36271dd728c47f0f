package org.gongkai.region;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agency's level (provincial, prefecture, county, township), category (a small table in
 * gongkai/regions/agencies.yaml) and the report's scope: {@code agency} (the organ's own report) or
 * {@code aggregate} (a region-wide summary, whose figures overlap the agencies' own).
 */
public final class AgencyClassifier {

  public static final String AGENCY = "agency";
  public static final String AGGREGATE = "aggregate";

  private static final class Holder {
    static final AgencyClassifier INSTANCE = load();
  }

  private record Category(String id, List<String> match) {
  }

  // the part of a title before its year: 杭州市2024年政府信息公开工作年度报告 → 杭州市
  private static final Pattern TITLE_PLACE = Pattern.compile("^(.*?)\\d{4}\\s*年度?政府信息公开");

  private final List<String> township;
  private final List<Category> categories;
  private final List<Pattern> aggregateWording;
  private final Gazetteer gazetteer;

  private AgencyClassifier(List<String> township, List<Category> categories, List<Pattern> wording,
                           Gazetteer gazetteer) {
    this.township = List.copyOf(township);
    this.categories = List.copyOf(categories);
    this.aggregateWording = List.copyOf(wording);
    this.gazetteer = gazetteer;
  }

  public static AgencyClassifier standard() {
    return Holder.INSTANCE;
  }

  /**
   * @param nameLevel the level of the place the agency name names (from {@link RegionResolver})
   * @return provincial, prefecture, county, township, or null when the name names no place
   */
  public String level(String agency, Division.Level nameLevel) {
    if (agency != null && township.stream().anyMatch(agency::contains)) {
      return "township";
    }
    if (nameLevel == null) {
      return null;
    }
    return switch (nameLevel) {
      case PROVINCE -> "provincial";
      case PREFECTURE -> "prefecture";
      case COUNTY -> "county";
    };
  }

  public String category(String agency) {
    if (agency == null) {
      return null;
    }
    for (Category c : categories) {
      if (c.match().stream().anyMatch(agency::contains)) {
        return c.id();
      }
    }
    return "other";
  }

  /**
   * A report is an aggregate when its title or opening says so (全市…年度报告) or its title names a place and no
   * organ (杭州市2024年政府信息公开工作年度报告).
   */
  public String scope(String title, String opening) {
    String text = (title == null ? "" : title) + "\n" + (opening == null ? "" : opening);
    if (aggregateWording.stream().anyMatch(p -> p.matcher(text).find())) {
      return AGGREGATE;
    }
    if (title != null) {
      Matcher m = TITLE_PLACE.matcher(title);
      if (m.find() && !m.group(1).isEmpty() && onlyPlaces(m.group(1))) {
        return AGGREGATE;
      }
    }
    return AGENCY;
  }

  private boolean onlyPlaces(String text) {
    int covered = 0;
    int i = 0;
    while (i < text.length()) {
      int matched = 0;
      for (int len = text.length() - i; len >= 2; len--) {
        if (!gazetteer.byName(text.substring(i, i + len)).isEmpty()) {
          matched = len;
          break;
        }
      }
      if (matched == 0) {
        return false;
      }
      covered += matched;
      i += matched;
    }
    return covered == text.length();
  }

  private static AgencyClassifier load() {
    String resource = "gongkai/regions/agencies.yaml";
    try (InputStream in = AgencyClassifier.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource missing: " + resource);
      }
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      List<String> township = new ArrayList<>();
      root.path("township").forEach(n -> township.add(n.asText()));
      List<Category> categories = new ArrayList<>();
      for (JsonNode c : root.path("categories")) {
        List<String> match = new ArrayList<>();
        c.path("match").forEach(n -> match.add(n.asText()));
        categories.add(new Category(c.path("id").asText(), List.copyOf(match)));
      }
      List<Pattern> wording = new ArrayList<>();
      root.path("aggregate").path("wording").forEach(n -> wording.add(Pattern.compile(n.asText())));
      return new AgencyClassifier(township, categories, wording, Gazetteer.standard());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
