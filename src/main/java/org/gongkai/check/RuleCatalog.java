package org.gongkai.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The rule catalog, loaded once per JVM from {@code gongkai/rules.yaml}. Immutable. */
public final class RuleCatalog {

  public static final String RESOURCE = "gongkai/rules.yaml";

  private static final class Holder {
    static final RuleCatalog INSTANCE = load();
  }

  private final List<Rule> rules;

  private RuleCatalog(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static RuleCatalog standard() {
    return Holder.INSTANCE;
  }

  public List<Rule> rules() {
    return rules;
  }

  public Rule rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no rule " + id));
  }

  /** Rules evaluated on one report at a time. */
  public List<Rule> reportRules() {
    return rules.stream().filter(r -> "report".equals(r.scope())).toList();
  }

  private static RuleCatalog load() {
    try (InputStream in = RuleCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("rule catalog resource missing: " + RESOURCE);
      }
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      List<Rule> rules = new ArrayList<>();
      for (JsonNode r : root.path("rules")) {
        rules.add(new Rule(r.path("id").asText(), r.path("zh").asText(), r.path("en").asText(),
            r.path("severity").asText(), r.path("scope").asText(), r.path("kind").asText(null), r));
      }
      return new RuleCatalog(rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
