package org.rnn4j.rnn;

import org.rnn4j.tensor.Tensor;

/** Gradients of a backward pass with respect to the input [T, N, I] and the initial state. */
public final class RnnBackward {
    private final Tensor inputGradient;
    private final RnnState initialStateGradient;

    RnnBackward(Tensor inputGradient, RnnState initialStateGradient) {
        this.inputGradient = inputGradient;
        this.initialStateGradient = initialStateGradient;
    }

    /** dL/dx, [T, N, I]. */
    public Tensor inputGradient() {
        return inputGradient;
    }

    /** dL/dh0 [L, D, N, S] and, for LSTM, dL/dc0 [L, D, N, H]. */
    public RnnState initialStateGradient() {
        return initialStateGradient;
    }
}
