package org.gongkai;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Hostile and foreign files, built on the fly (small to store, some huge once unpacked), shared by the parser's
 * unit tests and the job's end-to-end test.
 */
public final class HostileFiles {

  private HostileFiles() {
  }

  /** A LibreOffice rendering of an HTML fixture: {@code fixtures/office/<name>}. */
  public static byte[] office(String name) {
    return Fixtures.bytes("fixtures/office/" + name);
  }

  /** A docx-shaped zip whose one part is {@code size} bytes of spaces, streamed so it never sits in memory. */
  public static byte[] zipBomb(String part, long size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry(part));
      byte[] chunk = new byte[1024 * 1024];
      Arrays.fill(chunk, (byte) ' ');
      for (long written = 0; written < size; written += chunk.length) {
        zip.write(chunk);
      }
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A real docx whose document.xml declares an external entity reading /etc/passwd and uses it. */
  public static byte[] xxeDocx(Charset charset) {
    return withDocumentXml(office("html_2021_utf8_site.docx"), xml -> xml
        .replaceFirst("\\?>", "?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
        .replaceFirst("<w:t>", "<w:t>&xxe;"), charset);
  }

  /** The package with word/document.xml rewritten (and re-encoded), every other part copied. */
  public static byte[] withDocumentXml(byte[] docx, UnaryOperator<String> change, Charset charset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(docx));
         ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equals("word/document.xml")) {
          content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(charset);
        }
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(content);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A zip with one entry besides [Content_Types].xml. */
  public static byte[] zip(String name, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An OLE2 compound file with one stream and no WordDocument stream: a Works/WPS file, an old workbook. */
  public static byte[] ole2Without(String stream) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      fs.createDocument(new ByteArrayInputStream(new byte[600]), stream);
      fs.writeFilesystem(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A PDF of {@code pages} pages, a short line of text on each. */
  public static byte[] longPdf(int pages) {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int i = 0; i < pages; i++) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
          content.beginText();
          content.setFont(font, 12);
          content.newLineAtOffset(72, 720);
          content.showText("page " + (i + 1));
          content.endText();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
