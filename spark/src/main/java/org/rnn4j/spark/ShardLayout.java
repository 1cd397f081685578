package org.rnn4j.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Where each partition's rows lie in a global batch: partition p holds rows
 * [{@code offsets[p]}, {@code offsets[p] + rows[p]}); and the global batch's steps and lengths.
 */
record ShardLayout(int[] offsets, int[] rows, int steps, int[] lengths) implements Serializable {

    /** From each partition's (steps, lengths...) in partition order. */
    static ShardLayout of(List<int[]> stepsThenLengths) {
        int parts = stepsThenLengths.size();
        int[] offsets = new int[parts];
        int[] rows = new int[parts];
        int total = 0;
        int steps = 0;
        for (int p = 0; p < parts; p++) {
            int[] s = stepsThenLengths.get(p);
            offsets[p] = total;
            rows[p] = Math.max(0, s.length - 1);
            total += rows[p];
            if (s.length > 0) {
                steps = Math.max(steps, s[0]);
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("every partition's share of the batch is empty");
        }
        int[] lengths = new int[total];
        for (int p = 0; p < parts; p++) {
            int[] s = stepsThenLengths.get(p);
            if (s.length > 1) {
                System.arraycopy(s, 1, lengths, offsets[p], rows[p]);
            }
        }
        return new ShardLayout(offsets, rows, steps, lengths);
    }

    int batch() {
        return lengths.length;
    }
}
