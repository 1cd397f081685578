package org.rnn4j.models;

/** Per-sequence lengths of padded batches, in [0, T] (0 only in truncated-BPTT slices). */
final class Lengths {
    private Lengths() {
    }

    /** The recurrent layer's lengths: each at least 1 (a length-0 sequence runs one masked step). */
    static int[] engine(int[] lengths, int steps) {
        int[] out = new int[lengths.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(1, lengths[i]);
        }
        return out;
    }

    /** The lengths inside steps [from, to). */
    static int[] slice(int[] lengths, int from, int to) {
        int[] out = new int[lengths.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(Math.max(lengths[i] - from, 0), to - from);
        }
        return out;
    }

    static void checkSlice(int from, int to, int steps) {
        if (from < 0 || to > steps || from >= to) {
            throw new IllegalArgumentException("slice must satisfy 0 <= from < to <= T = " + steps + ", got [" + from
                    + ", " + to + ")");
        }
    }
}
