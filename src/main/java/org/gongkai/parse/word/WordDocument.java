package org.gongkai.parse.word;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.OldWordFileFormatException;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.gongkai.parse.DocumentLimits;
import org.gongkai.parse.UnreadableReportException;
import org.gongkai.parse.text.SourceDocument;
import org.gongkai.parse.text.StructuredLines;

/**
 * A Word file (.docx read with POI XWPF, legacy .doc with POI HWPF) as lines and grid rows, the same shape as an
 * HTML page. Hostile or damaged files are refused with a reason before or instead of being parsed.
 */
public final class WordDocument implements SourceDocument {

  private final StructuredLines out;
  private final String title;
  private final String layout;

  private WordDocument(StructuredLines out, String title, String layout) {
    this.out = out;
    this.title = title;
    this.layout = layout;
  }

  public static SourceDocument docx(byte[] bytes, DocumentLimits limits) throws UnreadableReportException {
    ZipGuard.check(bytes, limits);
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      StructuredLines out = new StructuredLines();
      new DocxReader(out).body(doc.getBodyElements());
      String title = doc.getProperties().getCoreProperties().getTitle();
      return new WordDocument(out, title == null || title.isBlank() ? null : title.strip(), "docx");
    } catch (IOException | RuntimeException e) {
      // POI reports broken parts and bad XML as IOException, POIXMLException or XmlException wrappers
      throw new UnreadableReportException("damaged docx: " + shortCause(e));
    }
  }

  public static SourceDocument doc(byte[] bytes, DocumentLimits limits) throws UnreadableReportException {
    try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(bytes))) {
      DirectoryNode root = fs.getRoot();
      if (root.hasEntry("EncryptedPackage")) {
        throw new UnreadableReportException("unsupported format: password-protected Office file");
      }
      if (!root.hasEntry("WordDocument")) {
        throw new UnreadableReportException("unsupported format: OLE2 file without a Word document stream");
      }
      try (HWPFDocument doc = new HWPFDocument(root)) {
        StructuredLines out = new StructuredLines();
        new DocReader(out).read(doc.getRange());
        String title = doc.getSummaryInformation() == null ? null : doc.getSummaryInformation().getTitle();
        return new WordDocument(out, title == null || title.isBlank() ? null : title.strip(), "doc");
      }
    } catch (OldWordFileFormatException e) {
      throw new UnreadableReportException("unsupported format: Word 95 or older .doc");
    } catch (EncryptedDocumentException e) {
      throw new UnreadableReportException("unsupported format: password-protected Office file");
    } catch (IOException | RuntimeException e) {
      throw new UnreadableReportException("damaged doc: " + shortCause(e));
    }
  }

  /** The innermost cause's message, one line and short: it is shown to users in the quarantine table. */
  static String shortCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root.getMessage() == null) {
      return root instanceof java.io.EOFException ? "unexpected end of file" : root.getClass().getSimpleName();
    }
    String message = root.getMessage();
    message = message.strip().lines().findFirst().orElse("");
    return message.length() > 160 ? message.substring(0, 160) + "…" : message;
  }

  @Override
  public List<String> lines() {
    return out.lines();
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public Cells cells(int from, int to) {
    return out.cells(from, to, layout);
  }
}
