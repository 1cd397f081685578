package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Cutting a carried state into partitions' rows and stacking it back; the layout of a global batch. */
class StateRowsTest {

    @Test
    void rowsOfEachPartitionStackBackIntoTheGlobalState() {
        // [L = 2, D = 1, N = 5, W = 3] and c [2, 1, 5, 2]: element value = its flat index
        float[] h = new float[2 * 5 * 3];
        float[] c = new float[2 * 5 * 2];
        for (int i = 0; i < h.length; i++) {
            h[i] = i;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = -i;
        }
        StateRows all = new StateRows(h, new long[] {2, 1, 5, 3}, c, new long[] {2, 1, 5, 2});
        // partitions hold 2, 0 and 3 rows
        ShardLayout layout = ShardLayout.of(List.of(new int[] {7, 4, 6}, new int[0], new int[] {9, 9, 8, 1}));
        assertArrayEquals(new int[] {0, 2, 2}, layout.offsets());
        assertArrayEquals(new int[] {2, 0, 3}, layout.rows());
        assertEquals(9, layout.steps());
        assertArrayEquals(new int[] {4, 6, 9, 8, 1}, layout.lengths());

        StateRows first = all.rows(0, 2);
        StateRows last = all.rows(2, 3);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 15, 16, 17, 18, 19, 20}, first.h());
        StateRows stacked = StateRows.stack(new StateRows[] {first, null, last}, layout, first);
        assertArrayEquals(h, stacked.h());
        assertArrayEquals(c, stacked.c());
        assertArrayEquals(new long[] {2, 1, 5, 3}, stacked.hShape());
    }

    @Test
    void aBatchWithoutRowsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ShardLayout.of(List.of(new int[0], new int[0])));
    }
}
