package org.gongkai.parse.pdf;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Collects the glyphs of one page with their positions. PDFTextStripper's own ordering and output are bypassed:
 * the layout is rebuilt from positions by {@link PageLayout}.
 */
final class GlyphCollector extends PDFTextStripper {

  private final List<List<Glyph>> pages = new ArrayList<>();
  private List<Glyph> glyphs = new ArrayList<>();

  private GlyphCollector(int pageCount) {
    setSortByPosition(false);
    for (int i = 0; i < pageCount; i++) {
      pages.add(new ArrayList<>());
    }
  }

  /** The glyphs of every page, one list per page (empty for a page without content). */
  static List<List<Glyph>> collect(PDDocument doc) throws IOException {
    GlyphCollector collector = new GlyphCollector(doc.getNumberOfPages());
    collector.writeText(doc, Writer.nullWriter());
    return collector.pages;
  }

  @Override
  protected void startPage(PDPage page) {
    // the stripper skips pages without a content stream: index by its page number, not by the calls
    int index = getCurrentPageNo() - 1;
    glyphs = index >= 0 && index < pages.size() ? pages.get(index) : new ArrayList<>();
  }

  @Override
  protected void processTextPosition(TextPosition t) {
    String text = t.getUnicode();
    if (text == null || text.isEmpty()) {
      return;
    }
    float size = t.getFontSizeInPt() > 0 ? t.getFontSizeInPt() : Math.max(t.getHeightDir(), 1f);
    glyphs.add(new Glyph(Radicals.ideographs(text), t.getXDirAdj(), t.getYDirAdj(), t.getWidthDirAdj(), size));
  }

  @Override
  protected void writePage() {
    // nothing: the positions are all that is needed
  }
}
