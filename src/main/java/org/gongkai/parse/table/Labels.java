package org.gongkai.parse.table;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a cell's text is classified and how labels are compared. Shared by every layout reader so that a number,
 * a blank and a label mean the same thing in text, HTML and Word sources.
 */
public final class Labels {

  // Enumerators printed before labels: 一、 1. 1、 （一） (1) 第一项. Never values.
  private static final Pattern ENUMERATOR = Pattern.compile(
      "^(?:第?[一二三四五六七八九十]+[、.．]|\\d{1,2}[、.．](?!\\d)|[(（][一二三四五六七八九十\\d]{1,3}[)）]"
          + "|第[一二三四五六七八九十\\d]+项)");
  private static final Pattern NUMBER = Pattern.compile(
      "^([+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)(件|条|个|项|次|万元|元)?$");
  // Ways reports write "not filled": dashes of every width, a slash, 无.
  private static final Pattern BLANK = Pattern.compile("^(?:[-—―–‐‒]+|/|\\\\|无|空)$");
  private static final Pattern SPACE = Pattern.compile("[\\s\\u00a0\\u3000\\u200b\\ufeff]+");
  private static final Pattern PUNCT = Pattern.compile("[\\p{P}\\p{S}]");

  private Labels() {
  }

  /** NFKC (full-width digits and brackets become ASCII) with all whitespace removed. */
  public static String squeeze(String text) {
    return SPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll("");
  }

  /** Trim including no-break and ideographic spaces. */
  public static String trim(String text) {
    return text.replaceAll("^[\\s\\u00a0\\u3000\\ufeff]+|[\\s\\u00a0\\u3000\\ufeff]+$", "");
  }

  /** True when the (squeezed) text starts with an enumerator. */
  public static boolean hasEnumerator(String squeezed) {
    return ENUMERATOR.matcher(squeezed).find();
  }

  /** The comparable form of a label: squeezed, enumerators stripped, punctuation removed. */
  public static String key(String text) {
    String s = squeeze(text);
    for (int i = 0; i < 3; i++) {
      Matcher m = ENUMERATOR.matcher(s);
      if (!m.find()) {
        break;
      }
      s = s.substring(m.end());
    }
    return PUNCT.matcher(s).replaceAll("");
  }

  /** Classify one cell's text into a token. */
  public static Token classify(String rawText, int line) {
    String text = SPACE.matcher(trim(rawText)).replaceAll(" ").trim();
    if (text.isEmpty()) {
      return Token.empty(line);
    }
    String squeezed = squeeze(text);
    Matcher num = NUMBER.matcher(squeezed);
    if (num.matches()) {
      return new Token(Token.Kind.VALUE, text, new BigDecimal(num.group(1).replace(",", "")), num.group(2), false,
          line);
    }
    if (BLANK.matcher(squeezed).matches()) {
      return new Token(Token.Kind.BLANK, text, null, null, false, line);
    }
    return new Token(Token.Kind.LABEL, text, null, null, hasEnumerator(squeezed), line);
  }
}
