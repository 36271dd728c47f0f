package org.gongkai.parse.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.FutureTask;
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
  void aDetectorReusedByTheThreadDecodesAsAFreshOne() throws Exception {
    List<byte[]> inputs = List.of(TEXT.getBytes(Charset.forName("GBK")),
        "Caf\u00e9 r\u00e9sum\u00e9 na\u00efve \u00e0 la carte, d\u00e9j\u00e0 vu. ".repeat(20)
            .getBytes(StandardCharsets.ISO_8859_1),
        TEXT.getBytes(Charset.forName("Big5")), TEXT.getBytes(Charset.forName("GB18030")));
    for (int round = 0; round < 2; round++) {
      for (byte[] bytes : inputs) {
        Decoded reused = TextDecoder.decode(bytes);
        // a new thread has a detector of its own, never used
        FutureTask<Decoded> onFreshThread = new FutureTask<>(() -> TextDecoder.decode(bytes));
        new Thread(onFreshThread).start();
        Decoded fresh = onFreshThread.get();
        assertThat(reused.charset()).isEqualTo(fresh.charset());
        assertThat(reused.text()).isEqualTo(fresh.text());
        assertThat(reused.warnings()).isEqualTo(fresh.warnings());
      }
    }
    assertThat(TextDecoder.decode(inputs.get(0)).charset()).isEqualTo("GB18030");
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
