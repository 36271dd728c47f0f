package org.gongkai.parse.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RadicalsTest {

  @Test
  void radicalsReadAsTheIdeographsTheyAreDrawnAs() {
    assertThat(Radicals.ideographs("象\u2F2D县\u2EA0政局")).isEqualTo("象山县民政局");
    assertThat(Radicals.ideographs("中华\u2F08\u2EA0共和国\u2ED4")).isEqualTo("中华人民共和国门");
    String plain = "宁海县交通运输局";
    assertThat(Radicals.ideographs(plain)).isSameAs(plain);
    // a supplement radical without a whole-character equivalent stays as it is
    assertThat(Radicals.ideographs("\u2E80")).isEqualTo("\u2E80");
  }
}
