package org.rnn4j.nn;

import java.util.Objects;

import org.rnn4j.tensor.Tensor;

/**
 * Softmax cross-entropy over classes with a per-row mask: loss = sum(mask · −log softmax(logits)[target])
 * / max(sum(mask), 1) over rows of logits [..., C]. The mask [...] (null = all 1) zeroes padded steps.
 */
public final class CrossEntropy {
    private final Kernels kernels;

    /** What {@link #backward} needs, and the loss. */
    public record Pass(Tensor logits, long[] targets, Tensor mask, LossValue loss) {
    }

    public CrossEntropy(Kernels kernels) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    /** targets: one class in [0, C) per row of logits; padded rows may hold any class when masked. */
    public Pass forward(Tensor logits, long[] targets, Tensor mask) {
        double mean = kernels.crossEntropy(logits, targets, mask);
        return new Pass(logits, targets, mask, new LossValue(mean, Masks.weight(mask, logits)));
    }

    /** dLogits [..., C] of the mean loss. */
    public Tensor backward(Pass pass) {
        return kernels.crossEntropyGradient(pass.logits(), pass.targets(), pass.mask(), 1.0);
    }
}
