package org.gongkai.parse.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast paths of {@link Labels} give exactly what their plain definitions (NFKC, regexes) give. */
class LabelsTest {

  // ASCII, CJK, full-width forms, CJK punctuation, every kind of space, and characters NFKC does change
  private static final String ALPHABET = "a1 9,.-|\t\n\r\u000B\f\u00a0\u3000\u200b\ufeff\u2003"
      + "申请件数予以公开（）１２３，：；！～、。《》〔〕—…ⅰ①ﬁ㈠·“”";

  private static String randomText(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  @Test
  void squeezeIsNfkcWithoutWhitespace() {
    Random random = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      String text = randomText(random);
      String reference = Normalizer.normalize(text, Normalizer.Form.NFKC)
          .codePoints().filter(c -> !Character.isWhitespace(c) && c != 0xa0 && c != 0x3000 && c != 0x200b
              && c != 0xfeff)
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
      assertThat(Labels.squeeze(text)).as("squeeze of [%s]", text).isEqualTo(reference);
    }
  }

  @Test
  void collapseSpacesIsTheWhitespaceRegex() {
    Random random = new Random(11);
    for (int i = 0; i < 50_000; i++) {
      String text = randomText(random);
      assertThat(Labels.collapseSpaces(text)).as("collapse of [%s]", text)
          .isEqualTo(text.replaceAll("[\\s\\u00a0\\u3000\\u200b\\ufeff]+", " "));
    }
  }

  @Test
  void fullWidthFormsReadAsTheirAsciiCounterparts() {
    assertThat(Labels.squeeze("（一） 予以公开")).isEqualTo("(一)予以公开");
    Token value = Labels.classify(" １２ ", 3);
    assertThat(value.kind()).isEqualTo(Token.Kind.VALUE);
    assertThat(value.value()).isEqualTo(new BigDecimal("12"));
    assertThat(Labels.classify("0,012件", 3).value()).isEqualTo(new BigDecimal("12"));
    assertThat(Labels.classify("007", 3).value()).isEqualByComparingTo("7");
    assertThat(Labels.classify("1234567890123456789", 3).value()).isEqualTo(new BigDecimal("1234567890123456789"));
    assertThat(Labels.classify("—", 3).kind()).isEqualTo(Token.Kind.BLANK);
    Token label = Labels.classify("（三）\u3000不予 公开", 3);
    assertThat(label.kind()).isEqualTo(Token.Kind.LABEL);
    assertThat(label.text()).isEqualTo("（三） 不予 公开");
    assertThat(label.key()).isEqualTo(Labels.key("（三）不予公开")).isEqualTo("不予公开");
  }
}
