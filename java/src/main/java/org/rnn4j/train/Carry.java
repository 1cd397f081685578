package org.rnn4j.train;

import java.util.Arrays;

import org.rnn4j.RnnConfig;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/**
 * The recurrent state carried between truncated-BPTT chunks of one batch: a copy owned here (in its
 * own arena, never by a scope), with the rows of ended sequences reset to zeros.
 */
final class Carry implements AutoCloseable {
    private final RnnConfig config;
    private final int batch;
    private final RnnState state;
    private final TensorArena arena = new TensorArena();

    Carry(RnnConfig config, int batch) {
        this.config = config;
        this.batch = batch;
        Tensor h = arena.zeros(RnnState.hiddenShape(config, batch));
        Tensor c = config.cell().isLstm() ? arena.zeros(RnnState.cellShape(config, batch)) : null;
        this.state = new RnnState(h, c);
    }

    RnnState state() {
        return state;
    }

    int batch() {
        return batch;
    }

    /** Copies {@code next} and zeroes the rows of every sequence with lengths[n] ≤ {@code end}. */
    void advance(RnnState next, int[] lengths, int end) {
        state.h().copyFrom(next.h());
        if (state.c() != null) {
            state.c().copyFrom(next.c());
        }
        resetEnded(state, config, lengths, end);
    }

    /** Zeroes, in place, the rows [L, D, n, :] of every sequence with lengths[n] ≤ {@code end}. */
    static void resetEnded(RnnState s, RnnConfig config, int[] lengths, int end) {
        zeroRows(s.h(), config.stateSize(), lengths, end);
        if (s.c() != null) {
            zeroRows(s.c(), config.hiddenSize(), lengths, end);
        }
    }

    private static void zeroRows(Tensor t, int width, int[] lengths, int end) {
        int n = lengths.length;
        float[] values = t.toFloatArray();                 // [L, D, N, W]
        int blocks = values.length / (n * width);
        boolean any = false;
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < n; i++) {
                if (lengths[i] <= end) {
                    Arrays.fill(values, (b * n + i) * width, (b * n + i + 1) * width, 0f);
                    any = true;
                }
            }
        }
        if (any) {
            t.copyFrom(values);
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
