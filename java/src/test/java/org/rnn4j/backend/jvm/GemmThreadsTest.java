package org.rnn4j.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The column slices of a threaded GEMM cover the range exactly once, in whole units of columns. */
class GemmThreadsTest {

    @ParameterizedTest(name = "[{0}, {1}) in {2} slices")
    @CsvSource({"0, 32, 2", "3, 514, 2", "0, 1030, 3", "512, 600, 2", "0, 2048, 7", "5, 53, 3"})
    void slicesPartitionTheRange(int from, int to, int slices) {
        int[] bounds = GemmThreads.bounds(from, to, slices);
        assertEquals(slices + 1, bounds.length);
        assertEquals(from, bounds[0]);
        assertEquals(to, bounds[slices]);
        for (int s = 0; s < slices; s++) {
            assertTrue(bounds[s] < bounds[s + 1], "slice " + s + " is empty: " + java.util.Arrays.toString(bounds));
            if (s + 1 < slices) {
                assertEquals(0, (bounds[s + 1] - from) % GemmThreads.COLUMN_UNIT, "slice ends on a whole unit");
            }
        }
    }

    @Test
    void splitRunsEveryColumnOnce() {
        int from = 7;
        int to = 1000;
        AtomicIntegerArray seen = new AtomicIntegerArray(to);
        GemmThreads.split(Long.MAX_VALUE, from, to, (a, b) -> {
            for (int j = a; j < b; j++) {
                seen.incrementAndGet(j);
            }
        });
        for (int j = 0; j < to; j++) {
            assertEquals(j < from ? 0 : 1, seen.get(j), "column " + j);
        }
    }
}
