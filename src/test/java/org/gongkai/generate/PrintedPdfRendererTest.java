package org.gongkai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The printed-PDF layouts: a font for every character, the same bytes from the same seed, the cut labels. */
class PrintedPdfRendererTest {

  @TempDir
  Path tmp;

  private static Map<String, Double> only(String layout) {
    Map<String, Double> w = new LinkedHashMap<>();
    w.put(layout, 1.0);
    return w;
  }

  @Test
  void theFontHoldsEveryCharacterTheGeneratorCanPrint() throws IOException {
    TrueTypeFont font;
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream("gongkai/generate/fonts/wqy-microhei-subset.ttf")) {
      font = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
    }
    List<String> missing = new ArrayList<>();
    for (int c : FontSubset.characters(Path.of("."))) {
      if (font.getUnicodeCmapLookup().getGlyphId(c) == 0) {
        missing.add(new String(Character.toChars(c)));
      }
    }
    assertThat(missing).as("characters the generator's font lacks: run jobs/subset-font.sh").isEmpty();
    font.close();
  }

  @Test
  void sameSeedSameBytes() {
    Map<String, Double> all = new LinkedHashMap<>();
    List.of("pdf-ruled", "pdf-boxed", "pdf-clipped").forEach(l -> all.put(l, 1.0));
    GeneratedCorpus a = GeneratedCorpus.generate(tmp.resolve("a"), 6, 3, 0.0, all);
    GeneratedCorpus b = GeneratedCorpus.generate(tmp.resolve("b"), 6, 3, 0.0, all);
    for (JsonNode t : a.truth()) {
      assertThat(t.get("file").asText()).endsWith(".pdf");
      assertThat(b.bytes(t)).as(t.get("file").asText()).isEqualTo(a.bytes(t));
    }
  }

  /**
   * A clipped page cuts the row labels at the page's left edge: their text starts there (the first characters
   * are not in the file), where a page with margins has none.
   */
  @Test
  void aClippedTableIsCutAtThePagesLeftEdge() throws IOException {
    GeneratedCorpus clipped = GeneratedCorpus.generate(tmp.resolve("clipped"), 2, 5, 0.0, only("pdf-clipped"));
    GeneratedCorpus boxed = GeneratedCorpus.generate(tmp.resolve("boxed"), 2, 5, 0.0, only("pdf-boxed"));
    float[] cut = xs(clipped.bytes(clipped.truth().get(0)));
    float[] margins = xs(boxed.bytes(boxed.truth().get(0)));
    assertThat(cut[0]).as("nothing drawn off the page").isGreaterThanOrEqualTo(0f);
    assertThat(cut[1]).as("glyphs at the edge").isPositive();
    assertThat(margins[0]).as("a page with margins").isGreaterThan(20f);
  }

  /** The leftmost glyph's x, and how many glyphs lie within 12 pt of the page's left edge. */
  private static float[] xs(byte[] pdf) throws IOException {
    float[] out = {Float.MAX_VALUE, 0};
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper() {
        @Override
        protected void processTextPosition(TextPosition text) {
          out[0] = Math.min(out[0], text.getXDirAdj());
          out[1] += text.getXDirAdj() < 12 ? 1 : 0;
        }
      };
      stripper.getText(doc);
    }
    return out;
  }
}
