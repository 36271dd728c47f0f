package org.gongkai.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which files a corpus has: agencies drawn one by one, each reporting every year of the range until N files are
 * planned, and which reports carry an injected anomaly. A conflicting duplicate is an extra file right after its
 * original and counts toward N. Drawn sequentially from the seed, so the plan is the same however the files are
 * then generated.
 */
record CorpusPlan(List<Agency> agencies, List<Slot> slots) {

  /**
   * One planned file.
   *
   * @param anomaly     the injected anomaly, or null
   * @param duplicateOf the file index of the original this file conflicts with, or -1
   */
  record Slot(int file, int agency, int year, AnomalyType anomaly, int duplicateOf) {
  }

  CorpusPlan {
    agencies = List.copyOf(agencies);
    slots = List.copyOf(slots);
  }

  static CorpusPlan make(Agencies source, int reports, YearRange years, double anomalyRate,
                         Map<String, Double> anomalyWeights, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Agency> agencies = new ArrayList<>();
    List<Slot> slots = new ArrayList<>();
    Set<String> names = new HashSet<>();
    while (slots.size() < reports) {
      Agency agency = source.draw(r, agencies.size(), names);
      agencies.add(agency);
      for (int year = years.from(); year <= years.to() && slots.size() < reports; year++) {
        AnomalyType type = r.nextDouble() < anomalyRate ? type(r, anomalyWeights, year == years.from()) : null;
        if (type == AnomalyType.DUPLICATE_CONFLICTING) {
          int original = slots.size();
          slots.add(new Slot(original, agency.index(), year, null, -1));
          if (slots.size() < reports) {
            slots.add(new Slot(slots.size(), agency.index(), year, type, original));
          }
        } else {
          slots.add(new Slot(slots.size(), agency.index(), year, type, -1));
        }
      }
    }
    return new CorpusPlan(agencies, slots);
  }

  /** An anomaly type by weight; a carry-over break needs the year before in the corpus. */
  private static AnomalyType type(SplittableRandom r, Map<String, Double> weights, boolean firstYear) {
    while (true) {
      AnomalyType t = AnomalyType.of(Draws.weighted(r, weights));
      if (!(firstYear && t == AnomalyType.CARRY_OVER_DISCONTINUITY)) {
        return t;
      }
    }
  }
}
