package org.gongkai.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Lays a report's content out as a file of one layout. */
interface Renderer {

  /** The file's bytes; {@code charset} is the layout's encoding where the file is text. */
  byte[] bytes(ReportDocument doc, java.nio.charset.Charset charset, SplittableRandom r);

  /** A layout that is text: its bytes are the text in the layout's encoding. */
  interface Text extends Renderer {

    String render(ReportDocument doc, SplittableRandom r);

    @Override
    default byte[] bytes(ReportDocument doc, java.nio.charset.Charset charset, SplittableRandom r) {
      return render(doc, r).getBytes(charset);
    }
  }

  static Renderer of(FileLayout layout, Settings corpus, Settings prose) {
    return switch (layout) {
      case PIPE -> new PipeRenderer(corpus);
      case TAB -> new TabRenderer(corpus);
      case CELLS -> new CellsRenderer(corpus);
      case PDF -> new PdfRenderer(corpus);
      case HTML_UTF8, HTML_GB18030 -> new HtmlRenderer(layout, corpus, prose);
      case PRINTED_RULED -> new PrintedPdfRenderer(PrintedPdfRenderer.Form.RULED, corpus);
      case PRINTED_BOXED -> new PrintedPdfRenderer(PrintedPdfRenderer.Form.BOXED, corpus);
      case PRINTED_CLIPPED -> new PrintedPdfRenderer(PrintedPdfRenderer.Form.CLIPPED, corpus);
    };
  }

  /** （一）→(一), ：→: … as some extractions and sites print labels. */
  static String halfWidth(String text) {
    return text.replace('（', '(').replace('）', ')').replace('：', ':').replace('，', ',');
  }

  /**
   * Breaks text into lines of about {@code width} characters, never inside a run of ASCII letters and digits (a
   * phone number, a year) so that numbers stay whole.
   */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (text.length() - start > width) {
      int end = start + width;
      while (end > start + 1 && isWord(text.charAt(end - 1)) && isWord(text.charAt(end))) {
        end--;
      }
      if (end == start + 1) {
        end = start + width;
      }
      lines.add(text.substring(start, end));
      start = end;
    }
    lines.add(text.substring(start));
    return lines;
  }

  private static boolean isWord(char c) {
    return c < 128 && Character.isLetterOrDigit(c) || c == '.' || c == ',' || c == '-';
  }

  /** Cuts a label into pieces of {@code size} characters, as narrow PDF table columns print it. */
  static List<String> pieces(String text, int size) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      out.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return out;
  }
}
