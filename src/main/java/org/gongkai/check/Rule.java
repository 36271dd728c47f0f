package org.gongkai.check;

import com.fasterxml.jackson.databind.JsonNode;

/** A rule of the catalog (gongkai/rules.yaml): identity, texts, severity, scope and its kind-specific spec. */
public record Rule(String id, String zh, String en, String severity, String scope, String kind, JsonNode spec) {
}
