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
  private static final Pattern PUNCT = Pattern.compile("[\\p{P}\\p{S}]");

  private Labels() {
  }

  /** NFKC (full-width digits and brackets become ASCII) with all whitespace removed. */
  public static String squeeze(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!nfkcStable(c)) {
        return strip(Normalizer.normalize(text, Normalizer.Form.NFKC)); // rare: one pass in the common case
      }
      boolean space = c == '\u3000' || Character.isWhitespace(c);
      boolean fullWidth = c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST;
      if ((space || fullWidth) && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null && !space) {
        // what NFKC makes of a full-width ASCII form, without the cost of a Normalizer call per cell
        out.append(fullWidth ? (char) (c - FULL_WIDTH_OFFSET) : c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** The text without whitespace. */
  private static String strip(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean space = Character.isWhitespace(c) || c == '\u00a0' || c == '\u3000' || c == '\u200b' || c == '\ufeff';
      if (space && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      } else if (!space && out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static final char FULL_WIDTH_FIRST = '\uFF01';
  private static final char FULL_WIDTH_LAST = '\uFF5E';
  private static final int FULL_WIDTH_OFFSET = 0xFEE0;

  /**
   * Characters NFKC leaves alone, or that {@link #squeeze} maps as NFKC would: most report text is ASCII, CJK
   * ideographs, CJK punctuation and full-width forms, so normalising only when needed keeps the parser fast.
   */
  private static boolean nfkcStable(char c) {
    return c < 0x00A0 || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F)
        || (c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST) || c == 0x201C || c == 0x201D || c == 0x2014
        || c == 0x2018 || c == 0x2019 || c == 0x00B7;
  }

  /** Trim including no-break and ideographic spaces. */
  public static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == text.length() ? text : text.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u00a0' || c == '\u3000' || c == '\ufeff';
  }

  /** True when the (squeezed) text starts with an enumerator. */
  public static boolean hasEnumerator(String squeezed) {
    return mayStartEnumerator(squeezed) && ENUMERATOR.matcher(squeezed).find();
  }

  // every enumerator starts with a digit, a Chinese numeral, 第 or a bracket: most labels are ruled out cheaply
  private static boolean mayStartEnumerator(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    return (c >= '0' && c <= '9') || c == '(' || c == '（' || c == '第' || "一二三四五六七八九十".indexOf(c) >= 0;
  }

  /** The comparable form of a label: squeezed, enumerators stripped, punctuation removed. */
  public static String key(String text) {
    return keyOfSqueezed(squeeze(text));
  }

  /** {@link #key} of a text already {@link #squeeze squeezed}. */
  public static String keyOfSqueezed(String squeezed) {
    return withoutPunctuation(withoutEnumerators(squeezed));
  }

  /** The text after up to three leading enumerators (（一）1. …); the text itself when it has none. */
  private static String withoutEnumerators(String squeezed) {
    String s = squeezed;
    for (int i = 0; i < 3 && mayStartEnumerator(s); i++) {
      Matcher m = ENUMERATOR.matcher(s);
      if (!m.find()) {
        break;
      }
      s = s.substring(m.end());
    }
    return s;
  }

  private static String withoutPunctuation(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      boolean punct = isPunctuation(s.charAt(i));
      if (punct && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      } else if (!punct && out != null) {
        out.append(s.charAt(i));
      }
    }
    return out == null ? s : out.toString();
  }

  /** Unicode punctuation and symbols (what \\p{P} and \\p{S} match). */
  private static boolean isPunctuation(char c) {
    if (c < 0x80) {
      return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }
    if (c >= 0x4E00 && c <= 0x9FFF) {
      return false;
    }
    return PUNCT.matcher(String.valueOf(c)).matches();
  }

  /** Cheap pre-check before the number and blank patterns: most labels start with a CJK character. */
  private static boolean couldBeValue(String squeezed) {
    char c = squeezed.charAt(0);
    return c < 0x3000 || squeezed.equals("无") || squeezed.equals("空");
  }

  /** Classify one cell's text into a token. */
  public static Token classify(String rawText, int line) {
    if (isCount(rawText)) {
      // most cells: a bare count, which trimming and squeezing would leave as it is
      return count(rawText, rawText, line);
    }
    String text = collapseSpaces(trim(rawText)).trim();
    if (text.isEmpty()) {
      return Token.empty(line);
    }
    String squeezed = squeeze(text);
    if (squeezed.isEmpty()) {
      return Token.empty(line);
    }
    if (!couldBeValue(squeezed)) {
      return label(text, squeezed, line);
    }
    if (isCount(squeezed)) {
      // a plain count once spaces and full-width digits are normalised: no pattern needed
      return count(text, squeezed, line);
    }
    Matcher num = NUMBER.matcher(squeezed);
    if (num.matches()) {
      return new Token(Token.Kind.VALUE, text, new BigDecimal(num.group(1).replace(",", "")), num.group(2), false,
          line, null);
    }
    if (BLANK.matcher(squeezed).matches()) {
      return new Token(Token.Kind.BLANK, text, null, null, false, line, null);
    }
    return label(text, squeezed, line);
  }

  /** A label token: the enumerator pattern runs once for both the flag and the key. */
  private static Token label(String text, String squeezed, int line) {
    String bare = withoutEnumerators(squeezed);
    // a stripped enumerator is one the pattern found at the start, which is what hasEnumerator says
    return new Token(Token.Kind.LABEL, text, null, null, bare.length() != squeezed.length(), line,
        withoutPunctuation(bare));
  }

  /** Up to 18 ASCII digits: a count that fits a long. */
  private static boolean isCount(String s) {
    return !s.isEmpty() && s.length() <= 18 && allDigits(s);
  }

  private static Token count(String text, String digits, int line) {
    return new Token(Token.Kind.VALUE, text, BigDecimal.valueOf(Long.parseLong(digits)), null, false, line, null);
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Each run of whitespace (regex {@code [\\s\\u00a0\\u3000\\u200b\\ufeff]+}) becomes one space; the text itself
   * when nothing changes (most cells), without a regex.
   */
  static String collapseSpaces(String text) {
    int i = 0;
    int n = text.length();
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (isCollapsible(c) && (c != ' ' || (i + 1 < n && isCollapsible(text.charAt(i + 1))))) {
        break; // the first place where the text changes
      }
    }
    if (i == n) {
      return text;
    }
    StringBuilder out = new StringBuilder(n).append(text, 0, i);
    boolean inRun = false;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (isCollapsible(c)) {
        if (!inRun) {
          out.append(' ');
        }
        inRun = true;
      } else {
        out.append(c);
        inRun = false;
      }
    }
    return out.toString();
  }

  private static boolean isCollapsible(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00a0'
        || c == '\u3000' || c == '\u200b' || c == '\ufeff';
  }
}
