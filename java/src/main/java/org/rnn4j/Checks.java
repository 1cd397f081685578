package org.rnn4j;

import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * The argument checks of the whole library. Each throws {@link IllegalArgumentException} with a message that
 * names the argument, what was expected and what was got, e.g. {@code "beta2 must be in [0, 1), got 1.0"}.
 */
public final class Checks {
    private Checks() {
    }

    /** {@code value}, or "{@code name} must not be null". */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** {@code value} > 0. */
    public static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
        return value;
    }

    /** {@code value} >= 0. */
    public static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    /** {@code value} finite and >= 0. */
    public static double nonNegative(String name, double value) {
        if (!(Double.isFinite(value) && value >= 0)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** {@code value} finite and > 0. */
    public static double positive(String name, double value) {
        if (!(Double.isFinite(value) && value > 0)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /** {@code value} in [0, 1). */
    public static double fraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** {@code tensor} not null and of shape {@code expected}. */
    public static Tensor shape(String name, Tensor tensor, Shape expected) {
        notNull(name, tensor).shape().check(name, expected);
        return tensor;
    }

    /** {@code array} not null and of length {@code expected}. */
    public static double[] length(String name, double[] array, long expected) {
        if (array == null || array.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + ", got "
                    + (array == null ? "null" : array.length));
        }
        return array;
    }

    /** {@code array} not null and of length {@code expected}. */
    public static float[] length(String name, float[] array, long expected) {
        if (array == null || array.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + ", got "
                    + (array == null ? "null" : array.length));
        }
        return array;
    }
}
