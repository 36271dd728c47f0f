package org.gongkai.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places a report in the administrative map from the evidence it carries: the manifest's code, the place names
 * in the agency name (杭州市西湖区…), the contact address, the telephone area code (0576 is 台州) and the source
 * path. Each piece of evidence narrows the candidates; a single candidate is resolved, several are reported as
 * ambiguous with their codes, and a conflict is a warning. It never guesses.
 */
public final class RegionResolver {

  /** What a report says that can place it. Any field may be null. */
  public record Evidence(String agency, String address, String phone, String manifestCode, String sourcePath) {
  }

  /**
   * @param nameLevel the level of the place the agency name names (its organ's level), or null
   */
  public record Resolution(Region region, Division.Level nameLevel, List<String> warnings) {
  }

  private static final Pattern AREA_CODE = Pattern.compile("^(0\\d{2,3})-");
  private static final Pattern BRANCH = Pattern.compile("^(.+?局)(\\p{IsHan}{2,4}?)分局$");
  private static final List<String> COUNTY_SUFFIXES = List.of("区", "县", "市", "旗");
  private static final Pattern CODE_SEGMENT = Pattern.compile("^\\d{6}$");

  private final Gazetteer gazetteer;

  public RegionResolver(Gazetteer gazetteer) {
    this.gazetteer = gazetteer;
  }

  public Resolution resolve(Evidence e) {
    List<String> warnings = new ArrayList<>();
    if (e.manifestCode() != null && !e.manifestCode().isBlank()) {
      Division d = gazetteer.byCode(e.manifestCode());
      if (d != null) {
        return new Resolution(region(d, "manifest"), levelOf(named(e.agency())), warnings);
      }
      warnings.add("manifest region code " + e.manifestCode() + " is not a GB/T 2260 code; ignored");
    }
    Set<Division> byName = named(e.agency());
    Division.Level nameLevel = levelOf(byName);
    Set<Division> candidates = byName;
    List<String> basis = new ArrayList<>();
    if (!candidates.isEmpty()) {
      basis.add("agency name");
    }
    candidates = narrow(candidates, narrow(gazetteer.mentions(nz(e.address()))), "contact address", basis, warnings);
    Division phone = phoneArea(e.phone());
    candidates = narrow(candidates, phone == null ? Set.of() : Set.of(phone), "phone area code", basis, warnings);
    candidates = narrow(candidates, fromPath(e.sourcePath()), "source path", basis, warnings);

    String by = String.join(" + ", basis);
    if (candidates.size() == 1) {
      return new Resolution(region(candidates.iterator().next(), by), nameLevel, warnings);
    }
    if (candidates.isEmpty()) {
      warnings.add("region not resolved: no place name, address, phone area code or path names a division");
      return new Resolution(Region.unresolved(null, List.of()), nameLevel, warnings);
    }
    List<Division> sorted = candidates.stream().sorted(Comparator.comparing(Division::code)).toList();
    warnings.add("region ambiguous: " + String.join(", ", sorted.stream().map(this::describe).toList())
        + "; code left null");
    return new Resolution(Region.unresolved(by, sorted.stream().map(Division::code).toList()), nameLevel,
        warnings);
  }

  /** The divisions the agency name names, its place names read as a chain (杭州市 then 西湖区). */
  private Set<Division> named(String agency) {
    String text = nz(agency);
    Matcher branch = BRANCH.matcher(text);
    if (branch.matches()) {
      // a city department's branch names its county short: 成都市生态环境局金牛分局 is 金牛区's
      for (String suffix : COUNTY_SUFFIXES) {
        if (!gazetteer.byName(branch.group(2) + suffix).isEmpty()) {
          text = branch.group(1) + branch.group(2) + suffix;
          break;
        }
      }
    }
    return narrow(gazetteer.mentions(text));
  }

  /** Reads mentions as a chain: each later mention inside an earlier one makes the candidates more specific. */
  private static Set<Division> narrow(List<List<Division>> mentions) {
    Set<Division> candidates = new LinkedHashSet<>();
    for (List<Division> mention : mentions) {
      if (candidates.isEmpty()) {
        candidates.addAll(mention);
        continue;
      }
      Set<Division> inside = new LinkedHashSet<>();
      for (Division d : mention) {
        if (candidates.stream().anyMatch(c -> !c.equals(d) && c.contains(d))) {
          inside.add(d);
        }
      }
      if (!inside.isEmpty()) {
        candidates = inside;
      }
    }
    return candidates;
  }

  /**
   * Narrows the candidates with one more piece of evidence: keeps those consistent with it (inside it, or it
   * inside them: 青岛市医疗保障局 with an address in 市南区 stays 青岛市, the organ's own level). Without
   * candidates yet, the evidence becomes them. Evidence that contradicts every candidate is reported and ignored.
   */
  private Set<Division> narrow(Set<Division> candidates, Set<Division> evidence, String name, List<String> basis,
                               List<String> warnings) {
    if (evidence.isEmpty()) {
      return candidates;
    }
    if (candidates.isEmpty()) {
      basis.add(name);
      return evidence;
    }
    Set<Division> kept = new LinkedHashSet<>();
    for (Division c : candidates) {
      for (Division ev : evidence) {
        if (ev.contains(c) || c.contains(ev)) {
          kept.add(c);
        }
      }
    }
    if (kept.isEmpty()) {
      warnings.add(name + " (" + String.join(", ", evidence.stream().map(this::describe).toList())
          + ") disagrees with " + String.join(" + ", basis) + "; ignored");
      return candidates;
    }
    if (!kept.equals(candidates)) {
      basis.add(name);
    }
    return kept;
  }

  private Division phoneArea(String phone) {
    if (phone == null) {
      return null;
    }
    Matcher m = AREA_CODE.matcher(phone);
    return m.find() ? gazetteer.byPhoneCode(m.group(1)) : null;
  }

  /** Path segments that are division codes (331004) or names (浙江省/台州市/路桥区). */
  private Set<Division> fromPath(String path) {
    if (path == null) {
      return Set.of();
    }
    List<List<Division>> mentions = new ArrayList<>();
    for (String segment : path.split("[/\\\\]")) {
      Division byCode = CODE_SEGMENT.matcher(segment).matches() ? gazetteer.byCode(segment) : null;
      if (byCode != null) {
        mentions.add(List.of(byCode));
      } else if (!gazetteer.byName(segment).isEmpty()) {
        mentions.add(gazetteer.byName(segment));
      }
    }
    return narrow(mentions);
  }

  private static Division.Level levelOf(Set<Division> divisions) {
    Set<Division.Level> levels = new LinkedHashSet<>();
    divisions.forEach(d -> levels.add(d.level()));
    return levels.size() == 1 ? levels.iterator().next() : null;
  }

  private Region region(Division d, String by) {
    Division province = gazetteer.byCode(d.provinceCode());
    Division prefecture = d.prefectureCode() == null ? null : gazetteer.byCode(d.prefectureCode());
    Division county = d.level() == Division.Level.COUNTY ? d : null;
    return new Region(name(province), code(province), name(prefecture), code(prefecture), name(county),
        code(county), d.code(), by, List.of());
  }

  private String describe(Division d) {
    Division province = gazetteer.byCode(d.provinceCode());
    Division prefecture = d.prefectureCode() == null ? null : gazetteer.byCode(d.prefectureCode());
    StringBuilder sb = new StringBuilder(d.code()).append(' ');
    if (province != null && province != d) {
      sb.append(province.name());
    }
    if (prefecture != null && prefecture != d && prefecture != province) {
      sb.append(prefecture.name());
    }
    return sb.append(d.name()).toString();
  }

  private static String name(Division d) {
    return d == null ? null : d.name();
  }

  private static String code(Division d) {
    return d == null ? null : d.code();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
