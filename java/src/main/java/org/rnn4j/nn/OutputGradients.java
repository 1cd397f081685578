package org.rnn4j.nn;

import java.util.Objects;
import java.util.Optional;

import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;

/**
 * What {@link Recurrent#backward(Recurrent.Pass, OutputGradients)} starts from: the gradient of the loss
 * with respect to the output sequence (in the pass's layout), to the final state, or both; whichever is
 * left out counts as zeros. Immutable.
 *
 * <pre>{@code
 * rnn.backward(pass, OutputGradients.output(dY));                      // a tagger, a language model
 * rnn.backward(pass, OutputGradients.finalState(dHn));                 // a classifier on h_n
 * rnn.backward(pass, OutputGradients.output(dY).andFinalState(dHn));   // both
 * }</pre>
 */
public final class OutputGradients {
    private final Tensor output;
    private final RnnState finalState;

    private OutputGradients(Tensor output, RnnState finalState) {
        this.output = output;
        this.finalState = finalState;
    }

    /** dL/dOutput, shaped like the pass's output ([T, N, O] or, batch-first, [N, T, O]). */
    public static OutputGradients output(Tensor outputGradient) {
        return new OutputGradients(Objects.requireNonNull(outputGradient, "outputGradient"), null);
    }

    /** dL/dh_n [L, D, N, S] and, for an LSTM, dL/dc_n [L, D, N, H]. */
    public static OutputGradients finalState(RnnState finalStateGradient) {
        return new OutputGradients(null, Objects.requireNonNull(finalStateGradient, "finalStateGradient"));
    }

    /** These gradients and dL/dOutput. */
    public OutputGradients andOutput(Tensor outputGradient) {
        return new OutputGradients(Objects.requireNonNull(outputGradient, "outputGradient"), finalState);
    }

    /** These gradients and dL/d(final state). */
    public OutputGradients andFinalState(RnnState finalStateGradient) {
        return new OutputGradients(output, Objects.requireNonNull(finalStateGradient, "finalStateGradient"));
    }

    /** dL/dOutput, if given. */
    public Optional<Tensor> outputGradient() {
        return Optional.ofNullable(output);
    }

    /** dL/d(final state), if given. */
    public Optional<RnnState> finalStateGradient() {
        return Optional.ofNullable(finalState);
    }
}
