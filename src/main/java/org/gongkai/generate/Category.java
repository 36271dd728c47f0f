package org.gongkai.generate;

import java.util.Map;

/**
 * A kind of agency (agencies.yaml): its name at each level and how busy it is.
 *
 * @param names    department name by level (province, municipality, prefecture, county)
 * @param district the name template for districts (区) of a city, or null
 * @param mu       added to the level's log application volume
 */
record Category(String id, Map<String, String> names, String district, double weight, double mu, Activity t2) {

  /** Table 2 activity: a decision kind is [share of agencies that decide, log-mean of yearly decisions]. */
  record Activity(double regulations, double normative, Rate licensing, Rate penalty, Rate coercion, Rate fees) {
  }

  record Rate(double share, double logMean) {
  }

  public Category {
    names = Map.copyOf(names);
  }
}
