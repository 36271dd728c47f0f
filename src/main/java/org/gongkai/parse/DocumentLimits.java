package org.gongkai.parse;

import java.io.Serializable;

/**
 * Limits that make a hostile or absurd binary document (PDF, Word) harmless: it is refused with a reason instead of
 * taking the executor's memory or time. Configured under {@code limits.documents} in conf/gongkai.yaml.
 *
 * @param maxPages          a PDF with more pages is refused
 * @param maxUnpackedBytes  an OOXML (docx) package whose parts unpack to more bytes is refused
 * @param minInflateRatio   an OOXML part compressed better than this (compressed / uncompressed) is a zip bomb
 * @param maxMemoryBytes    PDF parsing buffers beyond this go to a temporary file, not the heap
 */
public record DocumentLimits(int maxPages, long maxUnpackedBytes, double minInflateRatio, long maxMemoryBytes)
    implements Serializable {

  /** Checked at the door: a limit of 0 or below would refuse every document, or none. */
  public DocumentLimits {
    if (maxPages < 1) {
      throw new IllegalArgumentException("limits.documents.maxPages must be at least 1: " + maxPages);
    }
    if (maxUnpackedBytes < 1) {
      throw new IllegalArgumentException("limits.documents.maxUnpackedBytes must be at least 1: " + maxUnpackedBytes);
    }
    if (!(minInflateRatio >= 0 && minInflateRatio < 1)) {
      throw new IllegalArgumentException("limits.documents.minInflateRatio must be at least 0 and below 1: "
          + minInflateRatio);
    }
    if (maxMemoryBytes < 0) {
      throw new IllegalArgumentException("limits.documents.maxMemoryBytes must not be negative: " + maxMemoryBytes);
    }
  }

  public static final DocumentLimits STANDARD = new DocumentLimits(500, 100L * 1024 * 1024, 0.01,
      64L * 1024 * 1024);
}
