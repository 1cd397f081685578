package org.rnn4j;

import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * The argument checks of the whole library. Each throws {@link IllegalArgumentException} with a message that
 * names the argument, what was expected and what was got, e.g. {@code "beta2 must be in [0, 1), got 1.0"}.
 */
public final class Checks {
    /** The most elements one Java array may have (the JVM refuses a few below Integer.MAX_VALUE). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Checks() {
    }

    /**
     * The product of {@code factors}, or an IllegalArgumentException naming {@code what} (e.g.
     * {@code "vocabularySize × embeddingSize"}) and the factors when it overflows a long.
     */
    public static long product(String what, long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f < 0) {
                throw new IllegalArgumentException(what + " must be >= 0, got " + text(factors));
            }
            if (f != 0 && p > Long.MAX_VALUE / f) {
                throw new IllegalArgumentException(what + " = " + text(factors) + " overflows a long (2^63 - 1 elements)");
            }
            p *= f;
        }
        return p;
    }

    /**
     * The product of {@code factors} when one Java array can hold that many elements, else an
     * IllegalArgumentException naming {@code what} and the factors.
     */
    public static int arrayLength(String what, long... factors) {
        long p = product(what, factors);
        if (p > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(what + " = " + (factors.length > 1 ? text(factors) + " = " : "") + p
                    + " elements, more than one Java array holds (" + MAX_ARRAY_LENGTH + ")");
        }
        return (int) p;
    }

    private static String text(long[] factors) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < factors.length; i++) {
            b.append(i == 0 ? "" : " × ").append(factors[i]);
        }
        return b.toString();
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

    /** {@code array} not null and of length {@code expected}; {@code what} says where that comes from. */
    public static double[] length(String name, double[] array, long expected, String what) {
        if (array == null || array.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + " (" + what + "), got "
                    + (array == null ? "null" : array.length));
        }
        return array;
    }

    /** {@code array} not null and of length {@code expected}; {@code what} says where that comes from. */
    public static long[] length(String name, long[] array, long expected, String what) {
        if (array == null || array.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + " (" + what + "), got "
                    + (array == null ? "null" : array.length));
        }
        return array;
    }

    /** Like {@link #length(String, double[], long)}, but null (meaning zeros or none) is accepted. */
    public static double[] nullOrLength(String name, double[] array, long expected) {
        return array == null ? null : length(name, array, expected);
    }

    /** Like {@link #length(String, double[], long, String)}, but null (meaning zeros or none) is accepted. */
    public static double[] nullOrLength(String name, double[] array, long expected, String what) {
        return array == null ? null : length(name, array, expected, what);
    }

    /** Like {@link #shape}, but null is accepted. */
    public static Tensor nullOrShape(String name, Tensor tensor, Shape expected) {
        return tensor == null ? null : shape(name, tensor, expected);
    }

    /** {@code value} is null, because {@code reason} (e.g. "cell GRU has no cell state"). */
    public static void mustBeNull(String name, Object value, String reason) {
        if (value != null) {
            throw new IllegalArgumentException(name + " must be null: " + reason);
        }
    }

    /** Every {@code ids[i]} in [0, limit), where {@code limitName} names the limit (e.g. "V"). */
    public static long[] ids(String name, long[] ids, long limit, String limitName) {
        notNull(name, ids);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= limit) {
                throw new IllegalArgumentException(name + "[" + i + "] must be in [0, " + limitName + ") = [0, "
                        + limit + "), got " + ids[i]);
            }
        }
        return ids;
    }

    /** Per-sequence lengths: null (all full), or {@code batch} values each in [1, steps]. */
    public static int[] lengths(String name, int[] lengths, int steps, int batch) {
        if (lengths == null) {
            return null;
        }
        if (lengths.length != batch) {
            throw new IllegalArgumentException(name + " must have length N = " + batch + ", got " + lengths.length);
        }
        for (int n = 0; n < batch; n++) {
            if (lengths[n] < 1 || lengths[n] > steps) {
                throw new IllegalArgumentException(name + "[" + n + "] must be in [1, T = " + steps + "], got "
                        + lengths[n]);
            }
        }
        return lengths;
    }

    /** The rows of a flat [M, width] array: a positive multiple of {@code width} elements. */
    public static int rows(String name, double[] array, int width) {
        if (array == null || width <= 0 || array.length == 0 || array.length % width != 0) {
            throw new IllegalArgumentException(name + " must have a positive multiple of " + width + " elements, got "
                    + (array == null ? "null" : array.length));
        }
        return array.length / width;
    }

    /** The rows of a flat [M, width] array: a positive multiple of {@code width} elements. */
    public static int rows(String name, float[] array, int width) {
        if (array == null || width <= 0 || array.length == 0 || array.length % width != 0) {
            throw new IllegalArgumentException(name + " must have a positive multiple of " + width + " elements, got "
                    + (array == null ? "null" : array.length));
        }
        return array.length / width;
    }
}
