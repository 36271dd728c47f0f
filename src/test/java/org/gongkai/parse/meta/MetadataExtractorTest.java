package org.gongkai.parse.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetadataExtractorTest {

  @Test
  void anAnchoredSearchFindsTheSameFirstMatchAsAFullSearch() {
    Pattern address = Pattern.compile("(?:地址|通讯地址|办公地址)[:：]\\s*([^，,。；;）)\\n]{4,60})");
    String text = "本机关办公时间为工作日。通讯地址：某市某区人民路1号，邮编315000。其他地址：不详街道2号。";
    Matcher full = address.matcher(text);
    assertThat(full.find()).isTrue();
    Matcher anchored = MetadataExtractor.find(address, text, "地址", "通讯地址", "办公地址");
    assertThat(anchored).isNotNull();
    assertThat(anchored.start()).isEqualTo(full.start());
    assertThat(anchored.group(1)).isEqualTo("某市某区人民路1号");
    assertThat(MetadataExtractor.find(address, "没有联系方式的一段话", "地址")).isNull();
  }

  @Test
  void theFirstPhoneIsTakenWhicheverWordIntroducesIt() {
    Metadata meta = MetadataExtractor.extract(List.of(
        "某县教育局2024年政府信息公开工作年度报告",
        "统计期限为2024年1月1日至2024年12月31日。",
        "服务热线：0574-12345678，咨询电话：0574-87654321。",
        "地址：某县人民路1号"), null);
    assertThat(meta.contactPhone()).isEqualTo("0574-12345678");
    assertThat(meta.agency()).isEqualTo("某县教育局");
    assertThat(meta.year()).isEqualTo(2024);
    assertThat(meta.address()).isEqualTo("某县人民路1号");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "某县教育局2024年政府信息公开工作年度报告|某县教育局|2024",
      "2019年上海市人民政府办公厅政府信息公开工作年度报告|上海市人民政府办公厅|2019",
      "2024年度杭州市西湖区教育局政府信息公开工作年度报告|杭州市西湖区教育局|2024",
      "南京市鼓楼区人民政府2024年度政府信息公开工作年度报告|南京市鼓楼区人民政府|2024",
      "关于南京市鼓楼区人民政府2024年政府信息公开工作年度报告|南京市鼓楼区人民政府|2024",
      "南京市鼓楼区人民政府政府信息公开工作年度报告（2024年）|南京市鼓楼区人民政府|2024",
      "南京市鼓楼区人民政府政府信息公开工作年度报告(2024年度)|南京市鼓楼区人民政府|2024",
      "首页>政务公开>2019年上海市人民政府办公厅政府信息公开工作年度报告|上海市人民政府办公厅|2019",
  })
  void theAgencyAndTheYearAreReadFromEveryTitleForm(String title, String agency, int year) {
    // in the text's first line, and in the page title alone (the text then opens with prose)
    Metadata inText = MetadataExtractor.extract(List.of(title, "一、总体情况", "本机关认真贯彻落实条例。"), null);
    assertThat(inText.agency()).isEqualTo(agency);
    assertThat(inText.agencyBasis()).isEqualTo("title");
    assertThat(inText.year()).isEqualTo(year);
    Metadata inPageTitle = MetadataExtractor.extract(List.of("一、总体情况", "本机关认真贯彻落实条例。"), title);
    assertThat(inPageTitle.agency()).isEqualTo(agency);
    assertThat(inPageTitle.year()).isEqualTo(year);
  }

  @Test
  void theHeadingIsUsedWhenThePageTitleIsTheSiteName() {
    Metadata meta = MetadataExtractor.extract(List.of(
        "上海市人民政府门户网站",
        "2019年上海市人民政府办公厅政府信息公开工作年度报告",
        "本报告根据《中华人民共和国政府信息公开条例》编制。"), "上海市人民政府门户网站");
    assertThat(meta.agency()).isEqualTo("上海市人民政府办公厅");
    assertThat(meta.year()).isEqualTo(2019);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "联系电话：025-83123456。|025-83123456",
      "咨询电话为025-83123456，政务服务热线12345。|025-83123456",
      "政务服务便民热线：12345；联系电话：（025）83123456|025-83123456",
      "如有疑问请拨打12315或025－83123456咨询。|025-83123456",
      "本机关地址为人民路1号，电话 025 83123456。|025-83123456",
      "热线电话：12345，12328，12315。|",
  })
  void thePhoneIsReadWithItsAreaCodeAndServiceNumbersAreNotPhones(String sentence, String phone) {
    Metadata meta = MetadataExtractor.extract(List.of("某县教育局2024年政府信息公开工作年度报告", sentence), null);
    assertThat(meta.contactPhone()).isEqualTo(phone);
  }
}
