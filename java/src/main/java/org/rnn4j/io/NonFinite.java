package org.rnn4j.io;

import java.util.Optional;

/**
 * The NaN and infinite values of an array: how many, and the first (its flat index and value). Model
 * files, checkpoints and the command line refuse or report them with {@link #toString()}, e.g.
 * {@code 13 non-finite values (the first, Infinity, at flat index 40)}.
 *
 * @param count      how many values are NaN or infinite, > 0
 * @param firstIndex the flat (row-major) index of the first
 * @param firstValue the first: NaN, Infinity or -Infinity
 */
public record NonFinite(long count, long firstIndex, double firstValue) {

    /** The non-finite values of {@code values}, if any. */
    public static Optional<NonFinite> in(float[] values) {
        long count = 0;
        int first = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                if (count++ == 0) {
                    first = i;
                }
            }
        }
        return count == 0 ? Optional.empty() : Optional.of(new NonFinite(count, first, values[first]));
    }

    /** The non-finite values of {@code values}, if any. */
    public static Optional<NonFinite> in(double[] values) {
        long count = 0;
        int first = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                if (count++ == 0) {
                    first = i;
                }
            }
        }
        return count == 0 ? Optional.empty() : Optional.of(new NonFinite(count, first, values[first]));
    }

    /** The non-finite values of a floating-point array (none in an integer one). */
    public static Optional<NonFinite> in(HostArray a) {
        return switch (a.dtype()) {
            case F32 -> in(a.floats());
            case F64 -> in(a.doubles());
            case I32, I64 -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return count == 1 ? "1 non-finite value (" + firstValue + " at flat index " + firstIndex + ")"
                : count + " non-finite values (the first, " + firstValue + ", at flat index " + firstIndex + ")";
    }
}
