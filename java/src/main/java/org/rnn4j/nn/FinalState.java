package org.rnn4j.nn;

import java.util.Objects;

import org.rnn4j.RnnConfig;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * The top layer's final hidden state of every direction, concatenated: [N, D·S] from h [L, D, N, S].
 * With lengths, the forward direction's is the state after each sequence's last real step and the
 * reverse direction's the state after step 0 (PyTorch's {@code h_n[-2:]}). No parameters.
 */
public final class FinalState {
    private final RnnConfig config;

    public FinalState(RnnConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Output width D·S. */
    public int width() {
        return config.directions() * config.stateSize();
    }

    /** state → [N, D·S]. */
    public Tensor forward(RnnState state) {
        float[] h = state.h().toFloatArray();                      // [L, D, N, S]
        int batch = (int) state.h().shape().dim(2);
        int dirs = config.directions(), s = config.stateSize();
        float[] out = new float[batch * dirs * s];                 // [N, D·S]
        int top = config.layers() - 1;
        for (int d = 0; d < dirs; d++) {
            for (int n = 0; n < batch; n++) {
                System.arraycopy(h, ((top * dirs + d) * batch + n) * s, out, (n * dirs + d) * s, s);
            }
        }
        return Tensor.of(out, batch, (long) dirs * s);
    }

    /** d[N, D·S] → the gradient of the whole final state (zero except the top layer's h). */
    public RnnState backward(Tensor outputGradient) {
        int batch = (int) outputGradient.shape().dim(0);
        outputGradient.shape().check("outputGradient", Shape.of(batch, width()));
        float[] dOut = outputGradient.toFloatArray();
        int dirs = config.directions(), s = config.stateSize();
        RnnState grad = RnnState.zeros(config, batch);
        float[] dh = new float[(int) grad.h().size()];             // [L, D, N, S]
        int top = config.layers() - 1;
        for (int d = 0; d < dirs; d++) {
            for (int n = 0; n < batch; n++) {
                System.arraycopy(dOut, (n * dirs + d) * s, dh, ((top * dirs + d) * batch + n) * s, s);
            }
        }
        grad.h().copyFrom(dh);
        return grad;
    }
}
