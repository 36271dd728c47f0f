package org.gongkai.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local listing (java.nio) must give every file the key Hadoop's own listing gives it (path, size,
 * modification time): a warehouse ingested by one must not see its files as new with the other.
 */
class IngestListTest {

  @TempDir
  Path dir;

  @Test
  void aLocalFolderIsListedWithTheKeysHadoopGivesItsFiles() throws IOException {
    write("2023/国务院办公厅 年度报告.html", "<p>报告</p>");
    write("2023/a%20b#c.txt", "1");
    // a colon would make a name parsed as a path a URI scheme
    write("2023/10:30 报告.txt", "22");
    write("2024/sub/deep/r1.pdf", "%PDF-");
    write("2024/empty.txt", "");
    write("2024/_SUCCESS", "");
    write("2024/.hidden.txt", "x");
    write(".crawler/state.txt", "x");
    write("_tmp/r2.txt", "x");
    // a millisecond-exact time and one with nanoseconds: both are read from the same stat
    // a link loop and a dangling link are no files: Hadoop's listing leaves them out, and so must this one
    Files.createSymbolicLink(dir.resolve("2024/loop.txt"), dir.resolve("2024/loop.txt"));
    Files.createSymbolicLink(dir.resolve("2024/gone.txt"), dir.resolve("2024/nowhere.txt"));
    Files.setLastModifiedTime(dir.resolve("2024/sub/deep/r1.pdf"), FileTime.fromMillis(1_700_000_000_123L));
    Files.setLastModifiedTime(dir.resolve("2024/empty.txt"),
        FileTime.from(java.time.Instant.ofEpochSecond(1_700_000_000L, 987_654_321L)));

    List<String> listed = new ArrayList<>();
    for (Row r : Ingest.listRows(new Configuration(), dir.toString())) {
      listed.add(r.getString(0) + " " + r.getLong(1) + " " + r.getTimestamp(2).getTime());
    }

    List<String> hadoop = new ArrayList<>();
    FileSystem fs = FileSystem.getLocal(new Configuration());
    hadoopWalk(fs, fs.makeQualified(new org.apache.hadoop.fs.Path(dir.toString())), hadoop);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(hadoop).hasSize(5);
    assertThat(listed).anyMatch(l -> l.contains("/2023/国务院办公厅 年度报告.html 13 "))
        .anyMatch(l -> l.contains("/2023/a%20b#c.txt 1 "))
        .anyMatch(l -> l.contains("/2023/10:30 报告.txt 2 "))
        .anyMatch(l -> l.endsWith("/2024/sub/deep/r1.pdf 5 1700000000123"))
        .anyMatch(l -> l.endsWith("/2024/empty.txt 0 1700000000987"))
        .allMatch(l -> l.startsWith("file:/"));
  }

  @Test
  void eachListedFileIsReadBackWhateverItsName() throws IOException {
    write("2023/国务院办公厅 年度报告.html", "<p>报告</p>");
    write("2023/a%20b#c.txt", "1");
    write("2023/10:30 报告.txt", "22");
    write("2024/big.txt", "0123456789");
    List<Row> rows = Ingest.listRows(new Configuration(), dir.toString());
    assertThat(rows).hasSize(4);
    ContentReader reader = new ContentReader(new Configuration(), 5);
    for (Row r : rows) {
      String path = r.getString(0);
      byte[] bytes = Files.readAllBytes(Path.of(new org.apache.hadoop.fs.Path(path).toUri()));
      // a file over the cap is read one byte past it, so that the caller sees it is too long
      byte[] expected = bytes.length > 5 ? java.util.Arrays.copyOf(bytes, 6) : bytes;
      // read through Hadoop's local file system the name with a colon failed: the name of its checksum file
      // (.10:30 报告.txt.crc) is no valid path, and the file was quarantined as unreadable
      assertThat(reader.read(path)).as(path).isEqualTo(expected);
    }
    assertThat(reader.read(rows.stream().map(r -> r.getString(0)).filter(p -> p.endsWith("a%20b#c.txt"))
        .findFirst().orElseThrow())).isEqualTo("1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aSingleFileIsListedAsItself() throws IOException {
    write("r.txt", "abc");
    List<Row> rows = Ingest.listRows(new Configuration(), dir.resolve("r.txt").toString());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString(0)).endsWith("/r.txt");
    assertThat(rows.get(0).getLong(1)).isEqualTo(3);
  }

  /** Hadoop's listing, skipping the names Spark's file sources skip. */
  private static void hadoopWalk(FileSystem fs, org.apache.hadoop.fs.Path folder, List<String> out)
      throws IOException {
    for (FileStatus f : fs.listStatus(folder)) {
      String name = f.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (f.isDirectory()) {
        hadoopWalk(fs, f.getPath(), out);
      } else {
        out.add(f.getPath() + " " + f.getLen() + " " + f.getModificationTime());
      }
    }
  }

  private void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
