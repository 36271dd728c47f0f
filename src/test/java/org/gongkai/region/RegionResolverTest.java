package org.gongkai.region;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegionResolverTest {

  private final RegionResolver resolver = new RegionResolver(Gazetteer.standard());
  private final AgencyClassifier classifier = AgencyClassifier.standard();

  private RegionResolver.Resolution resolve(String agency, String address, String phone, String path) {
    return resolver.resolve(new RegionResolver.Evidence(agency, address, phone, null, path));
  }

  @Test
  void aPrefixedNameIsReadAsAChain() {
    Region r = resolve("杭州市西湖区教育局", null, null, null).region();
    assertThat(r.code()).isEqualTo("330106");
    assertThat(r.province()).isEqualTo("浙江省");
    assertThat(r.prefecture()).isEqualTo("杭州市");
    assertThat(r.county()).isEqualTo("西湖区");
    // 西湖区 alone is also in 南昌: the prefix decides
    assertThat(resolve("西湖区教育局", null, null, null).region().candidates()).contains("330106", "360103");
  }

  @Test
  void anAmbiguousNameIsNeverGuessed() {
    RegionResolver.Resolution r = resolve("新华区医疗保障局", null, null, null);
    assertThat(r.region().code()).isNull();
    assertThat(r.region().candidates()).containsExactly("130105", "130902", "410402");
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("region ambiguous"));
    assertThat(r.nameLevel()).isEqualTo(Division.Level.COUNTY);
  }

  @Test
  void thePhoneAreaCodeDisambiguates() {
    Region r = resolve("新华区医疗保障局", null, "0317-2345678", null).region();
    assertThat(r.code()).isEqualTo("130902");
    assertThat(r.prefecture()).isEqualTo("沧州市");
    assertThat(r.resolvedBy()).isEqualTo("agency name + phone area code");
    assertThat(resolve("鼓楼区人民政府", null, "0591-87654321", null).region().code()).isEqualTo("350102");
  }

  @Test
  void aBranchNamesItsCountyShort() {
    Region jinniu = resolve("成都市生态环境局金牛分局", null, null, null).region();
    assertThat(jinniu.code()).isEqualTo("510106");
    assertThat(jinniu.county()).isEqualTo("金牛区");
    assertThat(resolve("台州市生态环境局路桥分局", null, null, null).region().code()).isEqualTo("331004");
    // a branch named with its county's full name reads as before
    assertThat(resolve("杭州市公安局西湖区分局", null, null, null).region().code()).isEqualTo("330106");
    // a city department itself stays the city's
    assertThat(resolve("成都市生态环境局", null, null, null).region().code()).isEqualTo("510100");
  }

  @Test
  void theAddressAndTheSourcePathDisambiguateToo() {
    assertThat(resolve("朝阳区人民政府", "长春市朝阳区人民大街1号", null, null).region().code())
        .isEqualTo("220104");
    assertThat(resolve("朝阳区人民政府", null, null, "s3a://reports/北京市/2024/a.html").region().code())
        .isEqualTo("110105");
    assertThat(resolve("新华区医疗保障局", null, null, "s3a://reports/410402/r.pdf").region().code())
        .isEqualTo("410402");
  }

  @Test
  void contradictingEvidenceIsReportedAndIgnored() {
    RegionResolver.Resolution r = resolve("路桥区医疗保障局", null, "010-12345678", null);
    assertThat(r.region().code()).isEqualTo("331004");
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("phone area code") && w.contains("disagrees"));
  }

  @Test
  void anOrgansOwnLevelIsKeptWhenTheAddressIsMoreSpecific() {
    Region r = resolve("青岛市医疗保障局", "青岛市市南区福州南路8号", "0532-85770107", null).region();
    assertThat(r.code()).isEqualTo("370200");
    assertThat(r.county()).isNull();
  }

  @Test
  void municipalitiesAreProvinceAndPrefectureAtOnce() {
    Region shanghai = resolve("上海市人民政府", null, null, null).region();
    assertThat(shanghai.code()).isEqualTo("310000");
    assertThat(shanghai.province()).isEqualTo("上海市");
    assertThat(shanghai.prefecture()).isEqualTo("上海市");
    Region chaoyang = resolve("北京市朝阳区卫生健康委员会", null, null, null).region();
    assertThat(chaoyang.code()).isEqualTo("110105");
    assertThat(chaoyang.province()).isEqualTo("北京市");
    assertThat(chaoyang.prefecture()).isEqualTo("北京市");
    assertThat(chaoyang.county()).isEqualTo("朝阳区");
  }

  @Test
  void levelsAndCategories() {
    RegionResolver.Resolution gd = resolve("广东省人民政府办公厅", null, null, null);
    assertThat(gd.region().code()).isEqualTo("440000");
    assertThat(classifier.level("广东省人民政府办公厅", gd.nameLevel())).isEqualTo("provincial");
    assertThat(classifier.category("广东省人民政府办公厅")).isEqualTo("general_office");
    assertThat(classifier.level("上海市卫生健康委员会", resolve("上海市卫生健康委员会", null, null, null).nameLevel()))
        .isEqualTo("provincial");

    RegionResolver.Resolution town = resolve("路桥区路南街道办事处", null, null, null);
    assertThat(town.region().code()).isEqualTo("331004");
    assertThat(classifier.level("路桥区路南街道办事处", town.nameLevel())).isEqualTo("township");
    assertThat(classifier.category("路桥区路南街道办事处")).isEqualTo("government");
    assertThat(classifier.level("横街镇人民政府", null)).isEqualTo("township");

    assertThat(classifier.level("台州市公安局", resolve("台州市公安局", null, null, null).nameLevel()))
        .isEqualTo("prefecture");
    assertThat(classifier.category("台州市公安局")).isEqualTo("public_security");
    assertThat(classifier.category("台州市档案馆")).isEqualTo("other");
  }

  @Test
  void aggregateReportsAreToldFromTheAgencysOwn() {
    assertThat(classifier.scope("杭州市2024年政府信息公开工作年度报告", null)).isEqualTo(AgencyClassifier.AGGREGATE);
    assertThat(classifier.scope("浙江省台州市2023年度政府信息公开工作年度报告", null))
        .isEqualTo(AgencyClassifier.AGGREGATE);
    assertThat(classifier.scope(null, "现将全市政府信息公开工作年度报告公布如下")).isEqualTo(AgencyClassifier.AGGREGATE);
    assertThat(classifier.scope("杭州市人民政府2024年政府信息公开工作年度报告", null)).isEqualTo(AgencyClassifier.AGENCY);
    assertThat(classifier.scope("路桥区医疗保障局2024年政府信息公开工作年度报告", null))
        .isEqualTo(AgencyClassifier.AGENCY);
  }

  @Test
  void aManifestCodeWinsAndABadOneIsReported() {
    RegionResolver.Resolution ok = resolver.resolve(
        new RegionResolver.Evidence("新华区医疗保障局", null, null, "130105", null));
    assertThat(ok.region().code()).isEqualTo("130105");
    assertThat(ok.region().resolvedBy()).isEqualTo("manifest");
    RegionResolver.Resolution bad = resolver.resolve(
        new RegionResolver.Evidence("新华区医疗保障局", null, null, "999999", null));
    assertThat(bad.region().code()).isNull();
    assertThat(bad.warnings()).anyMatch(w -> w.contains("999999"));
  }
}
