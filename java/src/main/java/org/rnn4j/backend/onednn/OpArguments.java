package org.rnn4j.backend.onednn;

import java.util.Arrays;

import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/** Argument checks of the ops; each message names the argument, the expected and the actual value. */
final class OpArguments {
    private OpArguments() {
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** The last dimension of a [..., W] tensor: rank >= 2 and every dimension >= 1. */
    static long width(Tensor t, String name, String widthName) {
        Shape s = notNull(t, name).shape();
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

    /** Checks that {@code t} is non-null and has shape {@code expected}. */
    static Tensor shaped(Tensor t, String name, Shape expected) {
        notNull(t, name).shape().check(name, expected);
        return t;
    }

    /** Like {@link #shaped} but null is accepted. */
    static Tensor nullOrShaped(Tensor t, String name, Shape expected) {
        return t == null ? null : shaped(t, name, expected);
    }

    /** Checks that {@code array} is non-null and has {@code expected} elements ({@code why}: where that comes from). */
    static long[] length(long[] array, String name, long expected, String why) {
        notNull(array, name);
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + " (" + why + "), got "
                    + array.length);
        }
        return array;
    }

    static int mode(GradientMode mode) {
        return notNull(mode, "mode") == GradientMode.ACCUMULATE
                ? rnn4j.GradientMode.GRADIENTS_ACCUMULATE.value
                : rnn4j.GradientMode.GRADIENTS_OVERWRITE.value;
    }

    static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    static void nonNegative(double value, String name) {
        if (!(Double.isFinite(value) && value >= 0)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }

    static void positiveFinite(double value, String name) {
        if (!(Double.isFinite(value) && value > 0)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }

    /** A value in [0, 1). */
    static void fraction(double value, String name) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }
}
