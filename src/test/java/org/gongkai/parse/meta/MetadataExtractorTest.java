package org.gongkai.parse.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
}
