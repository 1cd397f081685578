package org.rnn4j.nn;

import java.util.Objects;

import org.rnn4j.tensor.Tensor;

/**
 * Softmax cross-entropy over classes with a per-row mask: loss = sum(mask · −log softmax(logits)[target])
 * / max(sum(mask), 1) over rows of logits [..., C]. The mask [...] (null = all 1) zeroes padded steps.
 * The loss also counts sum(mask · [argmax(logits) = target]), the weight of the correct predictions.
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
        return new Pass(logits, targets, mask, new LossValue(mean, Masks.weight(mask, logits),
                correct(logits, targets, mask)));
    }

    /** dLogits [..., C] of the mean loss. */
    public Tensor backward(Pass pass) {
        return kernels.crossEntropyGradient(pass.logits(), pass.targets(), pass.mask(), 1.0);
    }

    /** sum over rows of mask · [the first largest logit is the target's]: the correct predictions' weight. */
    private static double correct(Tensor logits, long[] targets, Tensor mask) {
        float[] values = logits.toFloatArray();                          // [rows, C]
        float[] weights = mask == null ? null : mask.toFloatArray();     // [rows]
        int classes = Math.toIntExact(logits.shape().dim(logits.shape().rank() - 1));
        double correct = 0;
        for (int row = 0; row < targets.length; row++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (values[row * classes + k] > values[row * classes + best]) {
                    best = k;
                }
            }
            if (best == targets[row]) {
                correct += weights == null ? 1 : weights[row];
            }
        }
        return correct;
    }
}
