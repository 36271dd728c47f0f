package org.gongkai.generate;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;

/**
 * Writes the generator's font (jobs/subset-font.sh): WenQuanYi Micro Hei cut down to the characters the
 * generator can print, which are those of its data files and sources. Run it again when they gain a character;
 * {@code PdfLayoutsTest} fails until then.
 */
public final class FontSubset {

  /** Besides the data: ASCII and the punctuation the prose and the tables print. */
  static final String ALWAYS = "（）：，。、；！？“”‘’《》【】—–…·％　〇一二三四五六七八九十年月日第页共";

  private FontSubset() {
  }

  /** The characters the generator prints: every one of its data files' and sources' characters. */
  static Set<Integer> characters(Path project) throws IOException {
    Set<Integer> out = new TreeSet<>();
    for (int c = 0x20; c < 0x7f; c++) {
      out.add(c);
    }
    ALWAYS.codePoints().forEach(out::add);
    for (String dir : List.of("src/main/resources/gongkai/generate", "src/main/java/org/gongkai/generate")) {
      try (Stream<Path> files = Files.list(project.resolve(dir))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.readString(f, StandardCharsets.UTF_8).codePoints().filter(c -> c >= 0x80).forEach(out::add);
        }
      }
    }
    Files.readString(project.resolve("src/main/resources/gongkai/metrics.yaml"), StandardCharsets.UTF_8)
        .codePoints().filter(c -> c >= 0x80).forEach(out::add);
    return out;
  }

  /** args: the WenQuanYi Micro Hei collection (wqy-microhei.ttc) and the file to write. */
  public static void main(String[] args) throws IOException {
    Set<Integer> chars = characters(Path.of("."));
    try (TrueTypeCollection ttc = new TrueTypeCollection(new File(args[0]));
         OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
      TrueTypeFont font = ttc.getFontByName("WenQuanYiMicroHei");
      TTFSubsetter subset = new TTFSubsetter(font);
      int missing = 0;
      for (int c : chars) {
        if (font.getUnicodeCmapLookup().getGlyphId(c) == 0) {
          missing++;
          System.err.printf("not in the font: U+%04X %s%n", c, new String(Character.toChars(c)));
        } else {
          subset.add(c);
        }
      }
      subset.writeToStream(out);
      System.out.printf("%d characters written to %s (%d not in the font)%n", chars.size() - missing, args[1], missing);
    }
  }
}
