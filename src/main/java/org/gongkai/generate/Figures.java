package org.gongkai.generate;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one report: every catalog metric of its template version, in catalog order. Immutable; build or
 * change one through {@link Builder}. Amounts are in the catalog's unit (万元).
 */
record Figures(String format, Map<String, BigDecimal> values) {

  Figures {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  BigDecimal get(String key) {
    BigDecimal v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no metric " + key + " in template version " + format);
    }
    return v;
  }

  long count(String key) {
    return get(key).longValueExact();
  }

  Builder toBuilder() {
    return new Builder(format, values);
  }

  /** Mutable figures of a report being drawn or altered. */
  static final class Builder {
    private final String format;
    private final Map<String, BigDecimal> values;

    Builder(TemplateView template) {
      this.format = template.format();
      this.values = new LinkedHashMap<>();
      template.metrics().forEach(m -> values.put(m.key(), BigDecimal.ZERO));
    }

    private Builder(String format, Map<String, BigDecimal> values) {
      this.format = format;
      this.values = new LinkedHashMap<>(values);
    }

    Builder set(String key, long value) {
      return set(key, BigDecimal.valueOf(value));
    }

    Builder set(String key, BigDecimal value) {
      if (!values.containsKey(key)) {
        throw new IllegalArgumentException("no metric " + key + " in template version " + format);
      }
      values.put(key, value);
      return this;
    }

    Builder add(String key, long delta) {
      return set(key, count(key) + delta);
    }

    long count(String key) {
      return values.get(key).longValueExact();
    }

    Figures build() {
      return new Figures(format, values);
    }
  }
}
