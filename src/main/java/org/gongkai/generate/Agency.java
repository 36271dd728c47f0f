package org.gongkai.generate;

import org.gongkai.generate.Gazetteer.County;
import org.gongkai.generate.Gazetteer.Prefecture;
import org.gongkai.generate.Gazetteer.Province;

/**
 * An agency that publishes a report every year.
 *
 * @param level      province, prefecture, county or township
 * @param prefecture null for provincial agencies and for districts of a municipality
 * @param county     null above county level
 * @param township   the township's name (…镇, …街道), null above township level
 * @param regionCode the GB/T 2260 code of its place (a township has its county's)
 * @param place      the place as its reports name it (路桥区, 台州市, 北京市海淀区, 路桥区新桥镇)
 * @param gov        the people's government whose website carries its reports
 * @param self       how its reports call it (我局, 我委, 我县…)
 */
record Agency(int index, String name, String level, Category category, Province province, Prefecture prefecture,
              County county, String township, String regionCode, String areaCode, String place, String gov,
              String self) {

  static final String PROVINCE = "province";
  static final String PREFECTURE = "prefecture";
  static final String COUNTY = "county";
  static final String TOWNSHIP = "township";

  boolean belowPrefecture() {
    return COUNTY.equals(level) || TOWNSHIP.equals(level);
  }
}
