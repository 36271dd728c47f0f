package org.gongkai.parse.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GridTest {

  @Test
  void spansFillTheirPositionsAndALabelSpanningRowsLabelsEach() {
    Grid grid = new Grid(2, 1);
    grid.add(0, 0, "三、本年度办理结果", 2, 1);
    grid.add(0, grid.nextFree(0, 0), "7", 1, 2);
    grid.add(1, grid.nextFree(1, 0), "8", 1, 1);

    List<Grid.Row> rows = grid.rows();

    assertThat(rows).extracting(Grid.Row::text).containsExactly("三、本年度办理结果 | 7", "8");
    assertThat(rows.get(1).cells()).extracting(Token::text).containsExactly("三、本年度办理结果", "8");
  }

  @Test
  void hugeSpansInEveryCellAreCutOnceTheTableIsImplausiblyLarge() {
    int rows = 2_000;
    Grid grid = new Grid(rows, 1);
    for (int r = 0; r < rows; r++) {
      grid.add(r, grid.nextFree(r, 0), "x", Grid.MAX_SPAN, Grid.MAX_SPAN);
    }

    long positions = grid.rows().stream().mapToLong(row -> row.cells().size()).sum();

    // unbounded this would be 2,000 × 200 × 200 positions; the labels spanning rows are repeated per row
    assertThat(positions).isGreaterThan(0).isLessThanOrEqualTo(Grid.MAX_SLOTS + rows);
  }
}
