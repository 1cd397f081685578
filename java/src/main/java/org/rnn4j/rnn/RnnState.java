package org.rnn4j.rnn;

import java.util.Objects;

import org.rnn4j.RnnConfig;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * Recurrent state of every layer and direction: h [L, D, N, S] and, for LSTM, c [L, D, N, H].
 * Also used for the gradients of a state.
 */
public final class RnnState {
    private final Tensor h;
    private final Tensor c;

    /** @param c the LSTM cell state, or null for other cells */
    public RnnState(Tensor h, Tensor c) {
        this.h = Objects.requireNonNull(h, "h");
        this.c = c;
    }

    /** Zero states for a batch of {@code batch} sequences (tensors owned by the current scope). */
    public static RnnState zeros(RnnConfig config, int batch) {
        return new RnnState(Tensor.zeros(hiddenShape(config, batch)),
                config.cell().isLstm() ? Tensor.zeros(cellShape(config, batch)) : null);
    }

    /** States whose contents are undefined until a kernel writes them all. */
    static RnnState uninitialized(RnnConfig config, int batch) {
        return new RnnState(Tensor.uninitialized(hiddenShape(config, batch)),
                config.cell().isLstm() ? Tensor.uninitialized(cellShape(config, batch)) : null);
    }

    /** [L, D, N, S]. */
    public static Shape hiddenShape(RnnConfig config, int batch) {
        return Shape.of(config.layers(), config.directions(), batch, config.stateSize());
    }

    /** [L, D, N, H]. */
    public static Shape cellShape(RnnConfig config, int batch) {
        return Shape.of(config.layers(), config.directions(), batch, config.hiddenSize());
    }

    public Tensor h() {
        return h;
    }

    /** The LSTM cell state, or null. */
    public Tensor c() {
        return c;
    }

    /** Checks the shapes against a config and batch, naming {@code what} in the message. */
    public void check(String what, RnnConfig config, int batch) {
        h.shape().check(what + ".h", hiddenShape(config, batch));
        if (config.cell().isLstm()) {
            if (c == null) {
                throw new IllegalArgumentException(what + ".c must be given for an LSTM, got null");
            }
            c.shape().check(what + ".c", cellShape(config, batch));
        } else if (c != null) {
            throw new IllegalArgumentException(what + ".c must be null for cell " + config.cell() + " (only LSTM has a cell state)");
        }
    }
}
