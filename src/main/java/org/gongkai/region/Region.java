package org.gongkai.region;

import java.util.List;

/**
 * Where a report belongs in the administrative map. When the evidence is ambiguous or absent, {@code code} is
 * null and {@code candidates} lists the codes it could be: never a guess.
 *
 * @param code       the most specific code resolved (county, else prefecture, else province), or null
 * @param resolvedBy the evidence used, e.g. "agency name", "agency name + phone area code", "manifest"
 */
public record Region(String province, String provinceCode, String prefecture, String prefectureCode,
                     String county, String countyCode, String code, String resolvedBy, List<String> candidates) {

  public Region {
    candidates = List.copyOf(candidates);
  }

  public static Region unresolved(String resolvedBy, List<String> candidates) {
    return new Region(null, null, null, null, null, null, null, resolvedBy, candidates);
  }

  public boolean resolved() {
    return code != null;
  }
}
