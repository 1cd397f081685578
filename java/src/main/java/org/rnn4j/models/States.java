package org.rnn4j.models;

import org.rnn4j.RnnConfig;
import org.rnn4j.nn.RecurrentOptions;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/** Row operations on recurrent states h [L, D, N, S] and c [L, D, N, H] (N = the batch, or the beams). */
final class States {
    private States() {
    }

    /** {@code options} starting from {@code initial}, or from zeros when it is null (no carried state). */
    static RecurrentOptions startingFrom(RnnState initial, RecurrentOptions options) {
        return initial == null ? options : options.initial(initial);
    }

    /** The state of sequences rows[0], rows[1], … (repeats allowed), as a new state of N = rows.length. */
    static RnnState select(RnnState state, int[] rows) {
        return new RnnState(selectRows(state.h(), rows), state.c() == null ? null : selectRows(state.c(), rows));
    }

    private static Tensor selectRows(Tensor t, int[] rows) {
        Shape s = t.shape();                                          // [L, D, N, W]
        int blocks = (int) (s.dim(0) * s.dim(1)), n = (int) s.dim(2), width = (int) s.dim(3);
        float[] in = t.toFloatArray();
        float[] out = new float[blocks * rows.length * width];
        for (int b = 0; b < blocks; b++) {
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(in, (b * n + rows[r]) * width, out, (b * rows.length + r) * width, width);
            }
        }
        return Tensor.of(out, s.dim(0), s.dim(1), rows.length, width);
    }

    /** h [L, 1, N, S] from rows [N, L·S] (layer l of sequence n at columns l·S …); c (LSTM) zeros. */
    static RnnState fromRows(Tensor rows, RnnConfig config) {
        int n = (int) rows.shape().dim(0), layers = config.layers(), s = config.stateSize();
        float[] in = rows.toFloatArray();
        float[] h = new float[layers * n * s];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < layers; l++) {
                System.arraycopy(in, (i * layers + l) * s, h, (l * n + i) * s, s);
            }
        }
        Tensor c = config.cell().isLstm() ? Tensor.zeros(RnnState.cellShape(config, n)) : null;
        return new RnnState(Tensor.of(h, layers, 1, n, s), c);
    }

    /** The gradient of {@link #fromRows}'s rows from the gradient of its state: dh [L, 1, N, S] → [N, L·S]. */
    static Tensor toRows(RnnState gradient, RnnConfig config) {
        int n = (int) gradient.h().shape().dim(2), layers = config.layers(), s = config.stateSize();
        float[] dh = gradient.h().toFloatArray();
        float[] out = new float[n * layers * s];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < layers; l++) {
                System.arraycopy(dh, (l * n + i) * s, out, (i * layers + l) * s, s);
            }
        }
        return Tensor.of(out, n, (long) layers * s);
    }
}
