package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The scaling report's projection, on numbers worked by hand. */
class ScalingModelTest {
    private static final ScalingModel MODEL = new ScalingModel(1_000_000, 2, 1e9);

    @Test
    void treeAggregateFanInsFollowSparksLevels() {
        assertArrayEquals(new int[] {2}, ScalingModel.fanIns(2));      // scale 2: 2 <= 2 + 1, straight to the driver
        assertArrayEquals(new int[] {4}, ScalingModel.fanIns(4));      // scale 2: 4 <= 2 + 2
        assertArrayEquals(new int[] {4, 2}, ScalingModel.fanIns(8));   // scale 3: 8 > 3 + 3 → 2 groups of 4, then 2
        assertArrayEquals(new int[] {4, 4}, ScalingModel.fanIns(16));  // scale 4: 16 > 4 + 4 → 4 groups of 4, then 4
    }

    @Test
    void syncEveryKDividesTheJobTermsAndSendsTheOptimizerState() {
        // k = 1, P = 4: a = 4 f32 gradients of 4e6 B at the driver / 1e9 = 0.016 s; b = 4e6 B · 3 / 1e9 = 0.012 s.
        assertEquals(0.016, MODEL.aggregationSeconds(1, 4), 1e-12);
        assertEquals(0.012, MODEL.broadcastSeconds(1, 4), 1e-12);
        // P = 8: 4 f32 gradients at a group, then 2 f64 sums at the driver: (16 + 16) e6 B.
        assertEquals(0.032, MODEL.aggregationSeconds(1, 8), 1e-12);
        // k = 8: parameters and 2 state tensors, 3x the bytes, once per 8 updates.
        assertEquals(0.048, MODEL.aggregationSeconds(8, 4), 1e-12);
        assertEquals(0.036, MODEL.broadcastSeconds(8, 4), 1e-12);
        // s = 0.3, o = 0.1: k = 1 → 0.3 / (0.3 + 0.128); k = 8 → 0.3 / (0.3 + 0.184 / 8).
        assertEquals(0.3 / 0.428, MODEL.efficiency(1, 4, 0.3, 0.1), 1e-12);
        assertEquals(0.3 / 0.323, MODEL.efficiency(8, 4, 0.3, 0.1), 1e-12);
        // E = 0.8 at k = 1 needs o <= 0.3 · 0.25 − 0.028 = 0.047 s.
        assertEquals(0.047, MODEL.overheadBudget(1, 4, 0.3, 0.8), 1e-12);
    }
}
