package org.gongkai.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bytes of each listed file (path, length, modificationTime) on an executor, one file at a time, so a
 * partition never holds more than one file's content besides the row being parsed. A file longer than the cap
 * when read (it grew since the listing) is left out like an unreadable one; the next run lists its new size.
 */
final class ContentReader implements MapPartitionsFunction<Row, Row> {

  private static final Logger LOG = LoggerFactory.getLogger(ContentReader.class);

  private transient Configuration conf;
  private final long maxBytes;

  ContentReader(Configuration conf, long maxBytes) {
    this.conf = conf;
    this.maxBytes = maxBytes;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> listed) {
    return new Iterator<>() {
      private Row next = advance();

      private Row advance() {
        while (listed.hasNext()) {
          Row f = listed.next();
          try {
            byte[] content = read(f.getString(0));
            if (content.length > maxBytes) {
              LOG.warn("{} grew beyond the size cap since it was listed: left for the next run", f.getString(0));
              continue;
            }
            return RowFactory.create(f.getString(0), f.getLong(1), f.get(2), content);
          } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {}: {}", f.getString(0), e.toString());
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Row next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Row r = next;
        next = advance();
        return r;
      }
    };
  }

  byte[] read(String file) throws IOException {
    Path path = new Path(file);
    java.net.URI uri = path.toUri();
    // a local file is read with java.nio, as it was listed: Hadoop's local file system adds a stat, a lookup of a
    // checksum file (a crawler writes none) and more path parsing to each open, half the cost of reading it
    if ("file".equals(uri.getScheme())) {
      try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(uri))) {
        return readCapped(in);
      }
    }
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return readCapped(in);
    }
  }

  /** The stream's bytes, at most one past the cap (the caller tells a file that grew from one that fits). */
  private byte[] readCapped(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total <= maxBytes && (n = in.read(buf, 0, (int) Math.min(buf.length, maxBytes + 1 - total))) > 0) {
      out.write(buf, 0, n);
      total += n;
    }
    return out.toByteArray();
  }

  // Hadoop's Configuration is Writable, not Serializable
  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
