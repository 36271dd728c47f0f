package org.gongkai.parse.word;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.gongkai.parse.DocumentLimits;
import org.gongkai.parse.UnreadableReportException;

/**
 * Inspects an OOXML package before POI opens it: inflates every entry (counting the bytes actually produced, never
 * trusting the sizes the headers claim) to refuse zip bombs, refuses XML parts that declare a DOCTYPE (the only
 * place entities can be declared, so no XXE can reach a parser), and insists on a Word main part.
 */
final class ZipGuard {

  static final String MAIN_PART = "word/document.xml";
  // below this size a part's compression ratio says nothing (small XML compresses very well)
  private static final long RATIO_FLOOR = 100 * 1024;
  private static final int MAX_ENTRIES = 10_000;

  private ZipGuard() {
  }

  static void check(byte[] bytes, DocumentLimits limits) throws UnreadableReportException {
    CountingStream raw = new CountingStream(new ByteArrayInputStream(bytes));
    boolean main = false;
    int entries = 0;
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (ZipInputStream zip = new ZipInputStream(raw)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (++entries > MAX_ENTRIES) {
          throw new UnreadableReportException("zip bomb: more than " + MAX_ENTRIES + " entries");
        }
        String name = entry.getName();
        main |= name.equals(MAIN_PART);
        // every part, media included: a relationship can make any part the main document
        DoctypeScanner doctype = new DoctypeScanner();
        long start = raw.count;
        long size = 0;
        for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
          size += n;
          total += n;
          if (total > limits.maxUnpackedBytes()) {
            throw new UnreadableReportException("zip bomb: unpacks to more than " + limits.maxUnpackedBytes()
                + " bytes (limits.maxUnpackedBytes)");
          }
          // raw.count runs a read-ahead buffer ahead of the inflater: slightly generous to the file
          if (size > RATIO_FLOOR && (double) (raw.count - start) / size < limits.minInflateRatio()) {
            throw new UnreadableReportException("zip bomb: " + name + " inflates more than "
                + Math.round(1 / limits.minInflateRatio()) + " times (limits.minInflateRatio)");
          }
          if (doctype.feed(buffer, n)) {
            throw new UnreadableReportException(
                "unsafe XML: DOCTYPE/entity declarations are not allowed (in " + name + ")");
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: ZipInputStream's answer to a malformed entry name
      throw new UnreadableReportException("damaged docx: " + WordDocument.shortCause(e));
    }
    if (entries == 0) {
      throw new UnreadableReportException("damaged docx: no readable zip entry");
    }
    if (!main) {
      throw new UnreadableReportException("unsupported format: zip package without " + MAIN_PART);
    }
  }

  /**
   * Finds {@code <!DOCTYPE} in a byte stream across buffer boundaries, case-insensitively; NUL bytes are skipped
   * so UTF-16 parts are caught too.
   */
  static final class DoctypeScanner {
    private static final byte[] NEEDLE = "<!DOCTYPE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private int matched;

    boolean feed(byte[] bytes, int length) {
      for (int i = 0; i < length; i++) {
        int b = bytes[i];
        if (b == 0) {
          continue;
        }
        if (b >= 'a' && b <= 'z') {
          b -= 'a' - 'A';
        }
        if (b == NEEDLE[matched]) {
          if (++matched == NEEDLE.length) {
            return true;
          }
        } else {
          matched = b == NEEDLE[0] ? 1 : 0;
        }
      }
      return false;
    }
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
