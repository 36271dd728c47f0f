package org.gongkai.parse.pdf;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;

/**
 * Collects a page's horizontal and vertical ruling lines: stroked lines and rectangle edges, and filled
 * rectangles thin enough to be a line (how some producers draw cell borders). Curves, images and shading are
 * skipped; text is not drawn here, only parsed.
 */
final class RulingCollector extends PDFGraphicsStreamEngine {

  private static final float THIN = 2f;
  private static final float STRAIGHT = 0.5f;

  private final List<Segment> segments = new ArrayList<>();
  private final List<float[]> path = new ArrayList<>(); // x1, y1, x2, y2 in PDF space
  private final float left;
  private final float top;
  private Point2D.Float current = new Point2D.Float();
  private Point2D.Float start = new Point2D.Float();

  private RulingCollector(PDPage page) {
    super(page);
    PDRectangle box = page.getCropBox();
    this.left = box.getLowerLeftX();
    this.top = box.getUpperRightY();
  }

  static List<Segment> collect(PDPage page) throws IOException {
    RulingCollector collector = new RulingCollector(page);
    collector.processPage(page);
    return collector.segments;
  }

  @Override
  public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
    moveTo((float) p0.getX(), (float) p0.getY());
    lineTo((float) p1.getX(), (float) p1.getY());
    lineTo((float) p2.getX(), (float) p2.getY());
    lineTo((float) p3.getX(), (float) p3.getY());
    closePath();
  }

  @Override
  public void moveTo(float x, float y) {
    current = new Point2D.Float(x, y);
    start = current;
  }

  @Override
  public void lineTo(float x, float y) {
    path.add(new float[] {current.x, current.y, x, y});
    current = new Point2D.Float(x, y);
  }

  @Override
  public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
    current = new Point2D.Float(x3, y3); // curves are never table borders
  }

  @Override
  public Point2D getCurrentPoint() {
    return current;
  }

  @Override
  public void closePath() {
    if (current.x != start.x || current.y != start.y) {
      lineTo(start.x, start.y);
    }
  }

  @Override
  public void endPath() {
    path.clear();
  }

  @Override
  public void strokePath() {
    for (float[] l : path) {
      addLine(l[0], l[1], l[2], l[3]);
    }
    path.clear();
  }

  @Override
  public void fillPath(int windingRule) {
    // a filled shape counts only when it is a thin bar: a border drawn as a rectangle
    float minX = Float.MAX_VALUE;
    float maxX = -Float.MAX_VALUE;
    float minY = Float.MAX_VALUE;
    float maxY = -Float.MAX_VALUE;
    for (float[] l : path) {
      minX = Math.min(minX, Math.min(l[0], l[2]));
      maxX = Math.max(maxX, Math.max(l[0], l[2]));
      minY = Math.min(minY, Math.min(l[1], l[3]));
      maxY = Math.max(maxY, Math.max(l[1], l[3]));
    }
    if (!path.isEmpty()) {
      if (maxY - minY <= THIN && maxX - minX > THIN) {
        addLine(minX, (minY + maxY) / 2, maxX, (minY + maxY) / 2);
      } else if (maxX - minX <= THIN && maxY - minY > THIN) {
        addLine((minX + maxX) / 2, minY, (minX + maxX) / 2, maxY);
      }
    }
    path.clear();
  }

  @Override
  public void fillAndStrokePath(int windingRule) {
    strokePath();
  }

  private void addLine(float x1, float y1, float x2, float y2) {
    float tx1 = x1 - left;
    float tx2 = x2 - left;
    float ty1 = top - y1;
    float ty2 = top - y2;
    if (Math.abs(ty1 - ty2) <= STRAIGHT && Math.abs(tx1 - tx2) > STRAIGHT) {
      segments.add(Segment.of(true, (ty1 + ty2) / 2, tx1, tx2));
    } else if (Math.abs(tx1 - tx2) <= STRAIGHT && Math.abs(ty1 - ty2) > STRAIGHT) {
      segments.add(Segment.of(false, (tx1 + tx2) / 2, ty1, ty2));
    }
  }

  @Override
  public void clip(int windingRule) {
    // the clip path is ended by endPath, which clears it
  }

  @Override
  public void drawImage(PDImage pdImage) {
  }

  @Override
  public void shadingFill(COSName shadingName) {
  }
}
