package org.gongkai.generate;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills prose templates: {name} from the report, {int:A-B} and {dec:A-B} with random figures. */
final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9]+)(?::(\\d+)-(\\d+))?}");

  private Placeholders() {
  }

  static String fill(String template, Map<String, String> values, SplittableRandom r) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value;
      if (m.group(2) != null) {
        long from = Long.parseLong(m.group(2));
        long to = Long.parseLong(m.group(3));
        value = switch (name) {
          case "int" -> Long.toString(Draws.between(r, from, to));
          case "dec" -> String.format(Locale.ROOT, "%.1f", Draws.between(r, from * 10, to * 10) / 10.0);
          default -> throw new IllegalStateException("unknown placeholder {" + name + ":…} in " + template);
        };
      } else {
        value = values.get(name);
        if (value == null) {
          throw new IllegalStateException("no value for {" + name + "} in " + template);
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
