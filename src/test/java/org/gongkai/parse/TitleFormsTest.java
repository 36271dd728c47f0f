package org.gongkai.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.gongkai.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real report (seed 000, whose text has no title) given the title forms real pages carry, and an ambiguous
 * county name with a telephone: the agency, the year and the region are read from them end to end.
 */
class TitleFormsTest {

  private static final ReportParser PARSER = new ReportParser();
  private static final String SEED = "000_6cbbeb53464e9ccf.txt";

  private static Report parse(String title, String county, String contact) throws UnreadableReportException {
    // the seed's contact sentence: (地址:…,电话:0576-82511301,邮编:…); a given contact replaces its phone
    String body = Fixtures.seedText(SEED).replace("路桥区", county);
    if (contact != null) {
      body = body.replace("电话:0576-82511301", contact);
    }
    String text = (title == null ? "" : title + "\n") + body;
    return PARSER.parse(text.getBytes(StandardCharsets.UTF_8), "reports/r.txt");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2024年台州市路桥区医疗保障局政府信息公开工作年度报告",
      "台州市路桥区医疗保障局2024年度政府信息公开工作年度报告",
      "关于台州市路桥区医疗保障局2024年政府信息公开工作年度报告",
      "台州市路桥区医疗保障局政府信息公开工作年度报告（2024年）",
  })
  void theAgencyIsTakenFromEveryTitleForm(String title) throws Exception {
    Report r = parse(title, "路桥区", null);
    assertThat(r.agency()).isEqualTo("台州市路桥区医疗保障局");
    assertThat(r.agencyBasis()).isEqualTo("title");
    assertThat(r.year()).isEqualTo(2024);
    assertThat(r.region().code()).isEqualTo("331004");
    assertThat(r.region().prefecture()).isEqualTo("台州市");
  }

  @Test
  void thePhoneAreaCodeDecidesAnAmbiguousCountyAndAHotlineDoesNot() throws Exception {
    String title = "2024年鼓楼区医疗保障局政府信息公开工作年度报告";
    Report ambiguous = parse(title, "鼓楼区", "政务服务热线:12345");
    assertThat(ambiguous.agency()).isEqualTo("鼓楼区医疗保障局");
    assertThat(ambiguous.contactPhone()).isNull();
    assertThat(ambiguous.region().code()).isNull();
    assertThat(ambiguous.region().candidates()).containsExactly("320106", "320302", "350102", "410204");

    Report nanjing = parse(title, "鼓楼区", "政务服务热线12345,咨询电话为025-83123456");
    assertThat(nanjing.contactPhone()).isEqualTo("025-83123456");
    assertThat(nanjing.region().code()).isEqualTo("320106");
    assertThat(nanjing.region().prefecture()).isEqualTo("南京市");
    assertThat(nanjing.region().resolvedBy()).isEqualTo("agency name + phone area code");

    Report fuzhou = parse(title, "鼓楼区", "服务热线12345或(0591)87654321");
    assertThat(fuzhou.region().code()).isEqualTo("350102");
  }
}
