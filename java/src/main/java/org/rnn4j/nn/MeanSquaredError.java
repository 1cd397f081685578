package org.rnn4j.nn;

import java.util.Objects;

import org.rnn4j.tensor.Tensor;

/**
 * Mean squared error with a per-row mask: sum(mask · (prediction − target)²) / (F · max(sum(mask), 1))
 * over rows of prediction [..., F]. The mask [...] (null = all 1) zeroes padded steps.
 */
public final class MeanSquaredError {
    private final Kernels kernels;

    /** What {@link #backward} needs, and the loss. */
    public record Pass(Tensor prediction, Tensor target, Tensor mask, LossValue loss) {
    }

    public MeanSquaredError(Kernels kernels) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    public Pass forward(Tensor prediction, Tensor target, Tensor mask) {
        double mean = kernels.meanSquaredError(prediction, target, mask);
        return new Pass(prediction, target, mask, new LossValue(mean, Masks.weight(mask, prediction)));
    }

    /** dPrediction [..., F] of the mean loss. */
    public Tensor backward(Pass pass) {
        return kernels.meanSquaredErrorGradient(pass.prediction(), pass.target(), pass.mask(), 1.0);
    }
}
