package org.gongkai.parse;

/** What a file is, judged by its content (magic bytes), not by its name. */
public enum ContentType {
  TEXT("text"), HTML("html"), PDF("pdf"), OOXML("docx/zip"), OLE2("doc/wps (OLE2)");

  private final String label;

  ContentType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static ContentType sniff(byte[] bytes) {
    if (startsWith(bytes, '%', 'P', 'D', 'F')) {
      return PDF;
    }
    if (startsWith(bytes, 'P', 'K', 3, 4)) {
      return OOXML;
    }
    if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
      return OLE2;
    }
    return looksLikeHtml(bytes) ? HTML : TEXT;
  }

  private static boolean looksLikeHtml(byte[] bytes) {
    int n = Math.min(bytes.length, 2048);
    String head = new String(bytes, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
    return head.contains("<html") || head.contains("<!doctype html") || head.contains("<table")
        || head.contains("<body") || head.contains("<meta");
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
}
