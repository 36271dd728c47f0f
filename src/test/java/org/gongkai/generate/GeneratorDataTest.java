package org.gongkai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The data files: real places with codes, agency names a parser can recognise, prose that reads as prose. */
class GeneratorDataTest {

  private static final Gazetteer PLACES = Gazetteer.load(Settings.load("places.yaml"));

  @Test
  void placesAreRealDivisionsWithTheirCodes() {
    assertThat(PLACES.provinces()).hasSize(31);
    assertThat(PLACES.prefectures()).hasSizeGreaterThanOrEqualTo(60)
        .allSatisfy(p -> assertThat(p.code()).startsWith(p.province().code().substring(0, 2)).endsWith("00"));
    assertThat(PLACES.counties()).hasSizeGreaterThanOrEqualTo(150).allSatisfy(c -> {
      assertThat(c.code()).matches("\\d{6}").startsWith(c.province().code().substring(0, 2));
      if (c.prefecture() != null) {
        assertThat(c.code()).startsWith(c.prefecture().code().substring(0, 4));
      }
    });
    assertThat(PLACES.counties().stream().map(Gazetteer.County::code)).doesNotHaveDuplicates();
    Gazetteer.County luqiao = PLACES.counties().stream().filter(c -> c.name().equals("路桥区")).findFirst()
        .orElseThrow();
    assertThat(luqiao.code()).isEqualTo("331004");
    assertThat(luqiao.city()).isEqualTo("台州市");
    assertThat(luqiao.shortName()).isEqualTo("路桥");
  }

  /** The parser's gazetteer knows every place the generator names (临平区 and 钱塘区 of 2021 were missing). */
  @Test
  void theParsersGazetteerHoldsEveryGeneratedPlace() {
    org.gongkai.region.Gazetteer parser = org.gongkai.region.Gazetteer.standard();
    assertThat(PLACES.counties()).allSatisfy(c -> {
      assertThat(parser.byCode(c.code())).as(c.name() + " " + c.code()).isNotNull();
      assertThat(parser.byCode(c.code()).name()).isEqualTo(c.name());
    });
    assertThat(PLACES.prefectures()).allSatisfy(p ->
        assertThat(parser.byCode(p.code())).as(p.name() + " " + p.code()).isNotNull());
  }

  @Test
  void agenciesAreUniqueAndNamedAsReportsNameThem() {
    Agencies agencies = new Agencies(PLACES, Settings.load("agencies.yaml"));
    SplittableRandom r = new SplittableRandom(5);
    Set<String> names = new HashSet<>();
    List<Agency> drawn = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      drawn.add(agencies.draw(r, i, names));
    }
    assertThat(names).hasSize(3000);
    assertThat(drawn).allSatisfy(a -> {
      // the suffixes MetadataExtractor accepts as an agency's name
      assertThat(a.name()).matches(".*(局|委员会|厅|办公室|政府|办事处)$").doesNotContainPattern("\\d|\\{");
      assertThat(a.regionCode()).matches("\\d{6}");
      assertThat(a.areaCode()).matches("0\\d{2,3}");
    });
    assertThat(drawn.stream().map(Agency::level).distinct())
        .containsExactlyInAnyOrder("province", "prefecture", "county", "township");
    assertThat(drawn).anyMatch(a -> a.name().endsWith("街道办事处")).anyMatch(a -> a.name().endsWith("镇人民政府"))
        .anyMatch(a -> a.name().endsWith("分局")).anyMatch(a -> a.name().endsWith("医疗保障局"));
  }

  @Test
  void proseNeverReadsAsATableHeadingOrATitle() {
    Settings prose = Settings.load("prose.yaml");
    List<String> texts = new ArrayList<>();
    collect(prose.node("basis"), texts);
    for (String path : List.of("contents", "period", "website", "contact", "overview", "proactive", "requests",
        "management", "platforms", "oversight", "problems", "other")) {
      collect(prose.node(path), texts);
    }
    assertThat(texts).hasSizeGreaterThan(40).allSatisfy(t -> assertThat(t)
        .doesNotContain("主动公开政府信息", "收到和处理政府信息公开申请")
        .doesNotContainPattern("年度?政府信息公开(工作)?(年度)?报告")
        .doesNotContainPattern("行政复议.{0,20}行政诉讼"));
  }

  private static void collect(com.fasterxml.jackson.databind.JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.forEach(n -> collect(n, out));
  }

  @Test
  void yearRanges() {
    assertThat(YearRange.parse("2019-2025")).isEqualTo(new YearRange(2019, 2025));
    assertThat(YearRange.parse("2024")).isEqualTo(new YearRange(2024, 2024));
    assertThat(YearRange.parse("2019-2025").size()).isEqualTo(7);
  }
}
