package org.rnn4j.spark;

import java.io.Serializable;

import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;

/**
 * A recurrent state as arrays: h [L, D, N, W] and, for an LSTM, c [L, D, N, H]; cut by rows (sequences)
 * into partitions' shares and stacked back.
 *
 * @param c null unless an LSTM
 */
record StateRows(float[] h, long[] hShape, float[] c, long[] cShape) implements Serializable {

    static StateRows of(RnnState state) {
        Tensor c = state.c();
        return new StateRows(state.h().toFloatArray(), state.h().shape().dims(), c == null ? null : c.toFloatArray(),
                c == null ? null : c.shape().dims());
    }

    /** Sequences N. */
    int batch() {
        return (int) hShape[2];
    }

    /** Rows [from, from + count) of every sequence axis. */
    StateRows rows(int from, int count) {
        return new StateRows(rows(h, hShape, from, count), withBatch(hShape, count),
                c == null ? null : rows(c, cShape, from, count), c == null ? null : withBatch(cShape, count));
    }

    /**
     * This state with the rows of every sequence n with {@code lengths[n] <= end} set to zeros (the sequences
     * that have ended by step {@code end}), as truncated BPTT resets them between windows.
     */
    StateRows resetEnded(int[] lengths, int end) {
        if (lengths.length != batch()) {
            throw new IllegalArgumentException("expected the lengths of " + batch() + " sequences, got " + lengths.length);
        }
        return new StateRows(zeroEnded(h, hShape, lengths, end), hShape,
                c == null ? null : zeroEnded(c, cShape, lengths, end), cShape);
    }

    private static float[] zeroEnded(float[] all, long[] shape, int[] lengths, int end) {
        float[] out = all.clone();
        int blocks = (int) (shape[0] * shape[1]), n = (int) shape[2], w = (int) shape[3];
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < n; i++) {
                if (lengths[i] <= end) {
                    java.util.Arrays.fill(out, (b * n + i) * w, (b * n + i + 1) * w, 0f);
                }
            }
        }
        return out;
    }

    /** A state of the current scope's tensors. */
    RnnState toState() {
        return new RnnState(Tensor.of(h, hShape), c == null ? null : Tensor.of(c, cShape));
    }

    /**
     * Stacks partitions' states along N into the global one: part p (null = zeros) becomes rows
     * [offsets[p], offsets[p] + rows[p]); {@code like} gives L, D, W and whether there is a cell state.
     */
    static StateRows stack(StateRows[] parts, ShardLayout layout, StateRows like) {
        int n = layout.batch();
        long[] hShape = withBatch(like.hShape, n);
        float[] h = new float[Math.toIntExact(size(hShape))];
        long[] cShape = like.c == null ? null : withBatch(like.cShape, n);
        float[] c = like.c == null ? null : new float[Math.toIntExact(size(cShape))];
        for (int p = 0; p < parts.length; p++) {
            if (parts[p] != null) {
                put(parts[p].h, h, hShape, layout.offsets()[p], layout.rows()[p]);
                if (c != null) {
                    put(parts[p].c, c, cShape, layout.offsets()[p], layout.rows()[p]);
                }
            }
        }
        return new StateRows(h, hShape, c, cShape);
    }

    private static float[] rows(float[] all, long[] shape, int from, int count) {
        int blocks = (int) (shape[0] * shape[1]), n = (int) shape[2], w = (int) shape[3];
        float[] out = new float[blocks * count * w];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(all, (b * n + from) * w, out, b * count * w, count * w);
        }
        return out;
    }

    private static void put(float[] part, float[] all, long[] shape, int from, int count) {
        int blocks = (int) (shape[0] * shape[1]), n = (int) shape[2], w = (int) shape[3];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(part, b * count * w, all, (b * n + from) * w, count * w);
        }
    }

    private static long[] withBatch(long[] shape, int n) {
        long[] s = shape.clone();
        s[2] = n;
        return s;
    }

    static long size(long[] shape) {
        long s = 1;
        for (long d : shape) {
            s *= d;
        }
        return s;
    }
}
