package org.gongkai.parse.pdf;

import java.text.Normalizer;

/**
 * Radical code points read back as the ideographs they are drawn as. A CJK font maps one glyph to both the
 * ideograph 民 and the radical ⺠, and a PDF's ToUnicode map may name the radical: the text then reads 象山县⺠政局.
 * Kangxi radicals (U+2F00–U+2FDF: ⼭) have an NFKC form; the CJK Radicals Supplement (U+2E80–U+2EFF) has none, so
 * its radicals that stand for a whole character are mapped here (Unicode's EquivalentUnifiedIdeograph data).
 */
final class Radicals {

  // pairs: radical, ideograph
  private static final String SUPPLEMENT = "⺁厂⺅亻⺇几⺉刂⺊卜⺒巳⺓幺⺖忄⺗心⺘扌⺙攵⺜日⺝月⺟母⺠民⺡氵⺣灬⺧牛⺨犭⺩王"
      + "⺬示⺭礻⺮竹⺯糸⺰纟⺳网⺶羊⺼月⺽臼⺾艹⻁虎⻄西⻅见⻆角⻈讠⻉贝⻊足⻋车⻌辶⻍辶⻏阝⻑長⻓长⻔门⻖阝⻗雨"
      + "⻘青⻙韦⻚页⻛风⻜飞⻝食⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻨麦⻩黄⻬齐⻮齿⻰龙⻳龟";
  private static final char FIRST = '\u2E80';
  private static final char LAST = '\u2FDF';
  private static final char[] MAP = new char[LAST - FIRST + 1];

  static {
    for (int i = 0; i + 1 < SUPPLEMENT.length(); i += 2) {
      MAP[SUPPLEMENT.charAt(i) - FIRST] = SUPPLEMENT.charAt(i + 1);
    }
  }

  private Radicals() {
  }

  /** The text with radicals replaced by their ideographs; the same string when it has none. */
  static String ideographs(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char mapped = c;
      if (c >= FIRST && c <= LAST) {
        mapped = MAP[c - FIRST] != 0 ? MAP[c - FIRST]
            : c >= '\u2F00' ? Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC).charAt(0) : c;
      }
      if (mapped != c && out == null) {
        out = new StringBuilder(text).delete(i, text.length());
      }
      if (out != null) {
        out.append(mapped);
      }
    }
    return out == null ? text : out.toString();
  }
}
