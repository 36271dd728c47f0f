package org.gongkai.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the generator's YAML data files (gongkai/generate/*.yaml), read by dotted paths. A missing path is an
 * error naming the file and path, so a broken data file fails at start-up rather than midway through a corpus.
 */
final class Settings {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String resource;
  private final JsonNode root;

  private Settings(String resource, JsonNode root) {
    this.resource = resource;
    this.root = root;
  }

  static Settings load(String name) {
    String resource = "gongkai/generate/" + name;
    try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("generator data file missing: " + resource);
      }
      return new Settings(resource, YAML.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  JsonNode node(String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      n = n.get(part);
      if (n == null || n.isNull()) {
        throw new IllegalStateException(resource + " lacks '" + path + "'");
      }
    }
    return n;
  }

  boolean has(String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      n = n.get(part);
      if (n == null || n.isNull()) {
        return false;
      }
    }
    return true;
  }

  double number(String path) {
    return node(path).asDouble();
  }

  String text(String path) {
    return node(path).asText();
  }

  List<String> strings(String path) {
    return strings(node(path));
  }

  /** A map of names to weights or probabilities, in file order. */
  Map<String, Double> weights(String path) {
    return weights(node(path));
  }

  Map<String, String> texts(String path) {
    Map<String, String> out = new LinkedHashMap<>();
    node(path).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  static Map<String, Double> weights(JsonNode object) {
    Map<String, Double> out = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
    return out;
  }
}
