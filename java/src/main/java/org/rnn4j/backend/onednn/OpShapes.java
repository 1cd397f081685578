package org.rnn4j.backend.onednn;

import java.util.Arrays;

import org.rnn4j.Checks;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * The shapes of the ops' [..., W] tensors (rows, width, result shapes); plain argument checks
 * are {@link org.rnn4j.Checks}.
 */
final class OpShapes {
    private OpShapes() {
    }

    /** The last dimension of a [..., W] tensor: rank >= 2 and every dimension >= 1. */
    static long width(Tensor t, String name, String widthName) {
        Shape s = Checks.notNull(name, t).shape();
        if (s.rank() < 2 || s.size() == 0) {
            throw new IllegalArgumentException(name + " must have shape [..., " + widthName
                    + "] with rank >= 2 and no zero dimension, got " + s);
        }
        return s.dim(s.rank() - 1);
    }

    /** The rows (product of the leading dimensions) of a [..., W] tensor whose last dimension must be {@code width}. */
    static long rows(Tensor t, String name, String widthName, long width) {
        long actual = width(t, name, widthName);
        if (actual != width) {
            throw new IllegalArgumentException(name + " must have shape [..., " + widthName + "] with " + widthName
                    + " = " + width + ", got " + t.shape());
        }
        return t.size() / width;
    }

    /** The leading dimensions of {@code t} followed by {@code width}: the shape of a [..., W] result. */
    static Shape withWidth(Tensor t, long width) {
        long[] dims = t.shape().dims();
        dims[dims.length - 1] = width;
        return Shape.of(dims);
    }

    /** The leading dimensions of {@code t}: the shape of a per-row mask. */
    static Shape leading(Tensor t) {
        long[] dims = t.shape().dims();
        return Shape.of(Arrays.copyOf(dims, dims.length - 1));
    }
}
