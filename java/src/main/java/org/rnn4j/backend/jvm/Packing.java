package org.rnn4j.backend.jvm;

import java.util.Arrays;

/**
 * Packed-sequence bookkeeping for a padded batch [T, N] of variable-length sequences (PyTorch's
 * PackedSequence): sequences sorted longest first (stable), so that the sequences still running at step k
 * are a prefix 0 … batchSize(k) − 1 of that order. Packed row {@code offset(k) + i} is step k of sorted
 * sequence i; there are {@link #rows()} = Σ lengths packed rows, and no work is spent on padding.
 */
final class Packing {
    private final int steps;
    private final int batch;
    /** [N] sorted index → sequence index in the padded batch. */
    private final int[] order;
    /** [N] lengths in sorted order (non-increasing). */
    private final int[] sortedLengths;
    /** [K] number of sequences running at step k. */
    private final int[] batchSizes;
    /** [K] packed row of (step k, sorted sequence 0). */
    private final int[] offsets;
    private final int rows;

    private Packing(int steps, int batch, int[] order, int[] sortedLengths) {
        this.steps = steps;
        this.batch = batch;
        this.order = order;
        this.sortedLengths = sortedLengths;
        int longest = sortedLengths[0];
        this.batchSizes = new int[longest];
        this.offsets = new int[longest];
        int total = 0;
        for (int k = 0; k < longest; k++) {
            int running = 0;
            while (running < batch && sortedLengths[running] > k) {
                running++;
            }
            batchSizes[k] = running;
            offsets[k] = total;
            total += running;
        }
        this.rows = total;
    }

    /** @param lengths [N] each in [1, T], or null for all T */
    static Packing of(int[] lengths, int steps, int batch) {
        Integer[] byLength = new Integer[batch];
        for (int n = 0; n < batch; n++) {
            byLength[n] = n;
        }
        if (lengths != null) {
            Arrays.sort(byLength, (p, q) -> Integer.compare(lengths[q], lengths[p]));
        }
        int[] order = new int[batch];
        int[] sorted = new int[batch];
        for (int i = 0; i < batch; i++) {
            order[i] = byLength[i];
            sorted[i] = lengths == null ? steps : lengths[order[i]];
        }
        return new Packing(steps, batch, order, sorted);
    }

    /** T. */
    int steps() {
        return steps;
    }

    /** N. */
    int batch() {
        return batch;
    }

    /** K, the longest length: the number of steps any direction runs. */
    int longest() {
        return batchSizes.length;
    }

    /** Σ lengths: the number of packed rows. */
    int rows() {
        return rows;
    }

    int batchSize(int k) {
        return batchSizes[k];
    }

    int offset(int k) {
        return offsets[k];
    }

    /** The padded-batch index n of sorted sequence i. */
    int sequence(int i) {
        return order[i];
    }

    /** The packed row of the last step of sorted sequence i. */
    int lastRow(int i) {
        return offsets[sortedLengths[i] - 1] + i;
    }

    /** [R] the padded row t·N + n that each packed row stands for, visiting time in {@code timeOrder}. */
    int[] paddedRows(TimeOrder timeOrder) {
        int[] padded = new int[rows];
        for (int k = 0; k < longest(); k++) {
            for (int i = 0; i < batchSizes[k]; i++) {
                int t = timeOrder == TimeOrder.FORWARD ? k : sortedLengths[i] - 1 - k;
                padded[offsets[k] + i] = t * batch + order[i];
            }
        }
        return padded;
    }
}
