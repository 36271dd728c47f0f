package org.gongkai.parse.encoding;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gongkai.parse.UnreadableReportException;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decodes report bytes: byte-order mark, then strict UTF-8 (valid UTF-8 is never an accident, whatever a page's
 * meta tag claims), then the juniversalchardet detector, then the declared charset, then GB18030 with the
 * undecodable bytes replaced and reported. GB2312 and GBK are read as GB18030, their superset.
 */
public final class TextDecoder {

  // one detector per thread, reset after each use: building its probers cost more than a short page's detection
  private static final ThreadLocal<UniversalDetector> DETECTOR = ThreadLocal.withInitial(UniversalDetector::new);

  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final Pattern META_CHARSET = Pattern.compile(
      "<meta[^>]{0,200}?charset\\s*=\\s*[\"']?([A-Za-z0-9_-]{2,20})", Pattern.CASE_INSENSITIVE);
  private static final int SNIFF_BYTES = 4096;
  private static final double MAX_CONTROL_SHARE = 0.02;

  private TextDecoder() {
  }

  public static Decoded decode(byte[] bytes) throws UnreadableReportException {
    if (isBlank(bytes)) {
      throw new UnreadableReportException("empty file");
    }
    List<String> warnings = new ArrayList<>();
    Decoded decoded = decodeText(bytes, warnings);
    rejectBinary(decoded);
    return decoded;
  }

  private static Decoded decodeText(byte[] bytes, List<String> warnings) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return lenient(bytes, 3, StandardCharsets.UTF_8, "UTF-8 (BOM)", warnings);
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return lenient(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16LE (BOM)", warnings);
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return lenient(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16BE (BOM)", warnings);
    }
    String declared = declaredCharset(bytes);
    String utf8 = strict(bytes, bytes.length, StandardCharsets.UTF_8);
    if (utf8 == null) {
      // a file cut off inside a multi-byte character (a crawler's truncated download) is still UTF-8
      int cut = incompleteUtf8Tail(bytes);
      utf8 = cut == 0 ? null : strict(bytes, bytes.length - cut, StandardCharsets.UTF_8);
      if (utf8 != null) {
        warnings.add("the file ends inside a UTF-8 character (cut off?): its last " + cut
            + (cut == 1 ? " byte was" : " bytes were") + " dropped");
      }
    }
    if (utf8 != null) {
      if (declared != null && !isUtf8(declared)) {
        warnings.add("declared charset " + declared + " but the bytes are UTF-8; read as UTF-8");
      }
      return new Decoded(utf8, "UTF-8", warnings);
    }
    Charset detected = detect(bytes);
    if (detected != null) {
      String text = strict(bytes, bytes.length, detected);
      if (text != null) {
        if (declared != null && !sameFamily(declared, detected)) {
          warnings.add("declared charset " + declared + " but the bytes are " + detected.name() + "; read as "
              + detected.name());
        }
        return new Decoded(text, detected.name(), warnings);
      }
    }
    if (declared != null && Charset.isSupported(declared)) {
      Charset cs = widen(Charset.forName(declared));
      String text = strict(bytes, bytes.length, cs);
      if (text != null) {
        return new Decoded(text, cs.name(), warnings);
      }
    }
    return lenient(bytes, 0, GB18030, GB18030.name(), warnings);
  }

  /** Decodes replacing bad bytes, and says how many were replaced. */
  private static Decoded lenient(byte[] bytes, int offset, Charset cs, String name, List<String> warnings) {
    String text = new String(bytes, offset, bytes.length - offset, cs);
    long replaced = text.chars().filter(c -> c == 0xFFFD).count();
    if (replaced > 0) {
      warnings.add(replaced + " undecodable byte sequences in " + name + " replaced by U+FFFD");
    }
    return new Decoded(text, name, warnings);
  }

  /**
   * The number of bytes at the end that begin a UTF-8 sequence without finishing it (1 to 3), or 0: a lead byte
   * followed by fewer continuation bytes than it announces.
   */
  static int incompleteUtf8Tail(byte[] bytes) {
    int n = bytes.length;
    for (int back = 1; back <= Math.min(3, n); back++) {
      int b = bytes[n - back] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue; // a continuation byte: the lead is further back
      }
      int length = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
      return length > back ? back : 0;
    }
    return 0;
  }

  private static String strict(byte[] bytes, int length, Charset cs) {
    CharsetDecoder decoder = cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  // only for bytes that failed strict UTF-8: juniversalchardet's reset() does not restore its "only printable
  // ASCII" flag, which matters for pure-ASCII input only, and that never gets here
  private static Charset detect(byte[] bytes) {
    UniversalDetector detector = DETECTOR.get();
    String name;
    try {
      detector.handleData(bytes, 0, bytes.length);
      detector.dataEnd();
      name = detector.getDetectedCharset();
    } finally {
      detector.reset();
    }
    if (name == null || !Charset.isSupported(name)) {
      return null;
    }
    return widen(Charset.forName(name));
  }

  /** GB2312 and GBK pages routinely contain GB18030-only characters; read them with the superset. */
  private static Charset widen(Charset cs) {
    String n = cs.name().toUpperCase(Locale.ROOT);
    return n.equals("GB2312") || n.equals("GBK") || n.equals("X-GBK") || n.equals("HZ-GB-2312") ? GB18030 : cs;
  }

  static String declaredCharset(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
    if (!head.contains("harset")) {
      return null;
    }
    Matcher m = META_CHARSET.matcher(head);
    return m.find() ? m.group(1) : null;
  }

  private static boolean isUtf8(String name) {
    return name.replace("-", "").equalsIgnoreCase("utf8");
  }

  private static boolean sameFamily(String declared, Charset detected) {
    if (!Charset.isSupported(declared)) {
      return false;
    }
    return widen(Charset.forName(declared)).equals(detected);
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** No byte but whitespace (what {@code new String(bytes, ISO_8859_1).isBlank()} says, without the copy). */
  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (!Character.isWhitespace((char) (b & 0xFF))) {
        return false;
      }
    }
    return true;
  }

  private static void rejectBinary(Decoded decoded) throws UnreadableReportException {
    String text = decoded.text();
    long control = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0 || c == 0xFFFD || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
        control++;
      }
    }
    if (control > text.length() * MAX_CONTROL_SHARE) {
      throw new UnreadableReportException("binary content, not a text report (" + control + " of " + text.length()
          + " characters are control or undecodable)", decoded.charset());
    }
  }
}
