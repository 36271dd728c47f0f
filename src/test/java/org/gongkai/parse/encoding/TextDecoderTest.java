package org.gongkai.parse.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.gongkai.Fixtures;
import org.junit.jupiter.api.Test;

class TextDecoderTest {

  private static final String TEXT = Fixtures.seedText("002_b3fef9399b69f476.txt");

  @Test
  void utf8WithAndWithoutBom() throws Exception {
    assertThat(TextDecoder.decode(TEXT.getBytes(StandardCharsets.UTF_8)).charset()).isEqualTo("UTF-8");
    ByteArrayOutputStream bom = new ByteArrayOutputStream();
    bom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bom.write(TEXT.getBytes(StandardCharsets.UTF_8));
    Decoded d = TextDecoder.decode(bom.toByteArray());
    assertThat(d.charset()).isEqualTo("UTF-8 (BOM)");
    assertThat(d.text()).isEqualTo(TEXT);
  }

  @Test
  void gbkAndGb2312WithoutAnyDeclarationAreDetected() throws Exception {
    for (String cs : new String[] {"GBK", "GB2312", "GB18030"}) {
      Decoded d = TextDecoder.decode(TEXT.getBytes(Charset.forName(cs)));
      assertThat(d.charset()).as(cs).isEqualTo("GB18030");
      assertThat(d.text()).as(cs).isEqualTo(new String(TEXT.getBytes(Charset.forName(cs)), Charset.forName(cs)));
      assertThat(d.warnings()).as(cs).isEmpty();
    }
  }

  @Test
  void undecodableBytesAreAWarningNotACrash() throws Exception {
    byte[] gbk = TEXT.getBytes(Charset.forName("GBK"));
    // a truncated double-byte character in the middle of the text
    byte[] broken = new byte[gbk.length + 2];
    System.arraycopy(gbk, 0, broken, 0, 400);
    broken[400] = (byte) 0x81;
    broken[401] = (byte) 0x0A;
    System.arraycopy(gbk, 400, broken, 402, gbk.length - 400);
    Decoded d = TextDecoder.decode(broken);
    assertThat(d.text()).contains("青岛市医疗保障局");
    assertThat(d.warnings()).anyMatch(w -> w.contains("undecodable"));
  }

  @Test
  void metaCharsetIsReadButNotTrustedOverTheBytes() {
    byte[] page = "<html><head><meta charset=\"gb2312\"></head>".getBytes(StandardCharsets.US_ASCII);
    assertThat(TextDecoder.declaredCharset(page)).isEqualTo("gb2312");
  }
}
