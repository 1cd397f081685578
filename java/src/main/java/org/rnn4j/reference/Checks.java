package org.rnn4j.reference;

import java.util.Arrays;

/** Argument checks whose messages name the argument, the expected and the actual value. */
final class Checks {
    private Checks() {
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    /**
     * Checks that {@code array} is non-null and has {@code expected} elements.
     *
     * @param shape human-readable shape, e.g. "[T, N, I] = [3, 2, 4]"
     */
    static void length(double[] array, String name, long expected, String shape) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null (expected length " + expected + " = "
                    + shape + ")");
        }
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + " = " + shape + ", got "
                    + array.length);
        }
    }

    /** Like {@link #length} but {@code null} is accepted (it means zeros). */
    static void nullOrLength(double[] array, String name, long expected, String shape) {
        if (array != null) {
            length(array, name, expected, shape);
        }
    }

    /** Checks that {@code value} is null because {@code reason} (e.g. "cell GRU has no cell state"). */
    static void mustBeNull(Object value, String name, String reason) {
        if (value != null) {
            throw new IllegalArgumentException(name + " must be null: " + reason);
        }
    }

    /** Checks per-sequence lengths: null, or N values each in [1, T]. */
    static void lengths(int[] lengths, int steps, int batch) {
        if (lengths == null) {
            return;
        }
        if (lengths.length != batch) {
            throw new IllegalArgumentException("lengths must have length N = " + batch + ", got " + lengths.length);
        }
        for (int n = 0; n < batch; n++) {
            if (lengths[n] < 1 || lengths[n] > steps) {
                throw new IllegalArgumentException("lengths[" + n + "] must be in [1, T] = [1, " + steps + "], got "
                        + lengths[n]);
            }
        }
    }

    /** Formats a shape as "[T, N, I] = [3, 2, 4]". */
    static String shape(String names, int... sizes) {
        return "[" + names + "] = " + Arrays.toString(sizes);
    }
}
