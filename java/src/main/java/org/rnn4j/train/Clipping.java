package org.rnn4j.train;

import java.io.Serializable;
import java.util.List;

import org.rnn4j.nn.Kernels;
import org.rnn4j.tensor.Tensor;

/**
 * Gradient clipping before each update: none, by global L2 norm (PyTorch's
 * {@code clip_grad_norm_}) or by value ({@code clip_grad_value_}). Immutable; serialisable (a cluster's
 * workers clip as the driver does).
 *
 * @param kind      which clipping
 * @param threshold the maximum norm or absolute value, finite and > 0 (ignored for NONE)
 */
public record Clipping(Kind kind, double threshold) implements Serializable {

    /** Which clipping. */
    public enum Kind {
        NONE,
        GLOBAL_NORM,
        VALUE
    }

    public Clipping {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (kind != Kind.NONE && !(Double.isFinite(threshold) && threshold > 0)) {
            throw new IllegalArgumentException("clipping threshold must be finite and > 0, got " + threshold);
        }
    }

    public static Clipping none() {
        return new Clipping(Kind.NONE, 0);
    }

    public static Clipping byGlobalNorm(double maxNorm) {
        return new Clipping(Kind.GLOBAL_NORM, maxNorm);
    }

    public static Clipping byValue(double maxValue) {
        return new Clipping(Kind.VALUE, maxValue);
    }

    /** Clips {@code gradients} in place; returns their global L2 norm before clipping. */
    public double apply(Kernels kernels, List<Tensor> gradients) {
        double norm = kernels.clipByGlobalNorm(gradients, kind == Kind.GLOBAL_NORM ? threshold : Double.MAX_VALUE);
        if (kind == Kind.VALUE) {
            kernels.clipByValue(gradients, threshold);
        }
        return norm;
    }
}
