package org.rnn4j.rnn;

import java.util.Objects;

import org.rnn4j.Checks;
import org.rnn4j.RnnConfig;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/** Argument checks shared by every {@link RnnEngine}: they run before any math. */
final class RnnChecks {
    private RnnChecks() {
    }

    /** Checks a forward call; returns {T, N}. */
    static int[] forward(RnnConfig config, Propagation propagation, RnnWeights weights, Tensor input, int[] lengths,
                         RnnState initial) {
        Objects.requireNonNull(propagation, "propagation");
        Objects.requireNonNull(weights, "weights").check("weights", config);
        Objects.requireNonNull(input, "input");
        Shape s = input.shape();
        if (s.rank() != 3 || s.dim(2) != config.inputSize() || s.dim(0) < 1 || s.dim(1) < 1
                || s.dim(0) > Integer.MAX_VALUE || s.dim(1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("input must have shape [T >= 1, N >= 1, " + config.inputSize()
                    + "], got " + s);
        }
        int steps = (int) s.dim(0), batch = (int) s.dim(1);
        Checks.lengths("lengths", lengths, steps, batch);
        if (initial != null) {
            initial.check("initial", config, batch);
        }
        return new int[] {steps, batch};
    }

    /** Checks a backward call. */
    static void backward(RnnConfig config, RnnForward fwd, Tensor outputGradient, RnnState finalStateGradient,
                         RnnWeights weightGradients, GradientMode mode) {
        Objects.requireNonNull(fwd, "forward");
        Objects.requireNonNull(mode, "mode");
        if (fwd.propagation != Propagation.TRAINING) {
            throw new IllegalStateException("backward needs a TRAINING forward, got " + fwd.propagation);
        }
        if (fwd.weights.version() != fwd.weightsVersion) {
            throw new IllegalStateException("the weights changed between forward and backward");
        }
        Objects.requireNonNull(weightGradients, "weightGradients").check("weightGradients", config);
        Objects.requireNonNull(outputGradient, "outputGradient").shape().check("outputGradient", fwd.output.shape());
        if (finalStateGradient != null) {
            finalStateGradient.check("finalStateGradient", config, (int) fwd.input.shape().dim(1));
        }
    }
}
