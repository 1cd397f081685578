package org.rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SequenceBatchTest {

    @Test
    void padsTimeMajorWithLengths() {
        SequenceBatch b = SequenceBatch.of(List.of(
                new float[][] {{1, 2}, {3, 4}, {5, 6}},
                new float[][] {{7, 8}}));
        assertEquals(3, b.steps());
        assertEquals(2, b.batch());
        assertEquals(2, b.features());
        assertArrayEquals(new int[] {3, 1}, b.lengths());
        assertFalse(b.isFull());
        // [T, N, F]: t=0 (seq0, seq1), t=1 (seq0, pad), t=2 (seq0, pad)
        assertArrayEquals(new float[] {1, 2, 7, 8, 3, 4, 0, 0, 5, 6, 0, 0}, b.timeMajor());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0}, b.batchFirst());
        assertArrayEquals(new float[] {1, 1, 1, 0, 1, 0}, b.mask());
        assertEquals(7f, b.get(0, 1, 0));
    }

    @Test
    void tokensBecomeOneFeature() {
        SequenceBatch b = SequenceBatch.ofTokens(List.of(new int[] {5, 6}, new int[] {9, 1, 2}));
        assertArrayEquals(new long[] {5, 9, 6, 1, 0, 2}, b.tokenIds());
        assertThrows(IllegalArgumentException.class, () -> SequenceBatch.ofTokens(List.of(new int[] {-1})));
    }

    @Test
    void rejectsBadSequences() {
        assertThrows(IllegalArgumentException.class, () -> SequenceBatch.of(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceBatch.of(List.of(new float[][] {{1, 2}}, new float[][] {{1}})));
        assertEquals("sequences[1][0] must have 2 features like sequences[0][0], got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SequenceBatch.of(List.<float[][]>of(new float[0][])));
        assertEquals("sequences[0] must have at least one step, got 0", e.getMessage());
    }

    @Test
    void bucketsAreReproducibleCompleteAndLengthSorted() {
        List<int[]> data = new ArrayList<>();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 103; i++) {
            data.add(new int[1 + r.nextInt(40)]);
        }
        BucketedBatches<int[]> batches = new BucketedBatches<>(data, 8, 4, a -> a.length, 42);
        List<List<int[]>> first = batches.epoch(0).batches();
        List<List<int[]>> again = batches.epoch(0).batches();
        assertEquals(first, again, "same seed and epoch, same batches");
        assertNotEquals(first, batches.epoch(1).batches(), "epochs differ");
        assertEquals(13, batches.size());
        Set<int[]> seen = new HashSet<>();
        int padding = 0, total = 0;
        for (List<int[]> batch : first) {
            assertTrue(batch.size() <= 8);
            int max = batch.stream().mapToInt(a -> a.length).max().orElse(0);
            for (int[] a : batch) {
                assertTrue(seen.add(a), "each example once");
                padding += max - a.length;
                total += max;
            }
        }
        assertEquals(103, seen.size());
        assertTrue(padding < 0.25 * total, "bucketing keeps padding small: " + padding + " of " + total);
    }

    @Test
    void listOfOneSequenceCompilesAndIsABatchOfOne() {
        float[][] x = {{1, 2}, {3, 4}, {5, 6}};                     // [T = 3, F = 2]
        SequenceBatch one = SequenceBatch.of(List.of(x));
        assertEquals(1, one.batch());
        assertEquals(3, one.steps());
        assertEquals(2, one.features());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, one.timeMajor());
        float[][] y = {{7, 8}};
        SequenceBatch two = SequenceBatch.of(List.of(x, y));
        assertEquals(2, two.batch());
        assertArrayEquals(new int[] {3, 1}, two.lengths());
        assertEquals(8f, two.get(0, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceBatch.of(List.of(new float[] {1}, new float[][] {{1}})));
        assertEquals("sequences[1] must be a float[] step like sequences[0], got float[][]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SequenceBatch.of(List.of(x, "text")));
        assertEquals("sequences[1] must be a float[][] sequence, got String", e.getMessage());
    }
}
