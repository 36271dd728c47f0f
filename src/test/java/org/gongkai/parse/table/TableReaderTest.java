package org.gongkai.parse.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.TableSpec;
import org.gongkai.parse.Cell;
import org.junit.jupiter.api.Test;

class TableReaderTest {

  private static final TableSpec T2 = MetricCatalog.standard().tables().stream()
      .filter(t -> t.id().equals("t2")).findFirst().orElseThrow();

  private static void row(List<Token> out, int line, String... cells) {
    for (String c : cells) {
      out.add(c.isEmpty() ? Token.empty(line) : Labels.classify(c, line));
    }
    out.add(Token.rowEnd(line));
  }

  /**
   * A printed page's edge cut the whole label 规章 from its cell: the row is its empty label cell, two figures
   * and an empty cell. The empty cell at the end is the blank, the first is the label's (generated pdf-clipped).
   */
  @Test
  void aRowWhoseLabelWasCutAwayKeepsItsBlankAtTheEnd() {
    List<Token> tokens = new ArrayList<>();
    row(tokens, 1, "第二十条第（一）项");
    row(tokens, 2, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数");
    row(tokens, 3, "", "0", "2", "");
    row(tokens, 4, "规范性文件", "0", "0", "1");
    var cells = new TableReader(T2, "2021").read(tokens, true, "pdf").cells();
    assertThat(cells.get("t2.regulations.issued").value()).isEqualByComparingTo("0");
    assertThat(cells.get("t2.regulations.repealed").value()).isEqualByComparingTo("2");
    assertThat(cells.get("t2.regulations.in_force").status()).isEqualTo(Cell.Status.BLANK);
    assertThat(cells.get("t2.normative_documents.in_force").value()).isEqualByComparingTo("1");
  }
}
